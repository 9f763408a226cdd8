namespace IssuerSync.Core.Registration;

/// <summary>Issuer registrations that cannot be loaded; the message lists every problem, one per line.</summary>
public sealed class RegistrationException(IReadOnlyList<RegistrationProblem> problems)
    : ProblemListException<RegistrationProblem>("the issuer registrations", problems);

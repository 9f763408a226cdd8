namespace IssuerSync.Core.Registration;

/// <summary>Issuer registrations that cannot be loaded; the message lists every problem, one per line.</summary>
public sealed class RegistrationException : IssuerSyncException
{
    public RegistrationException(IReadOnlyList<RegistrationProblem> problems)
        : base(
            $"{problems.Count} problem(s) in the issuer registrations:{Environment.NewLine}" +
            string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    public IReadOnlyList<RegistrationProblem> Problems { get; }
}

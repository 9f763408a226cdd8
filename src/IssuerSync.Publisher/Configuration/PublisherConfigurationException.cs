using IssuerSync.Core;

namespace IssuerSync.Publisher.Configuration;

/// <summary>
/// The publisher's settings cannot be used; <see cref="ProblemListException{TProblem}.Problems"/> lists every problem, each naming the
/// setting, the value and the fix.
/// </summary>
public sealed class PublisherConfigurationException(IReadOnlyList<string> problems)
    : ProblemListException<string>("the publisher's settings", problems);

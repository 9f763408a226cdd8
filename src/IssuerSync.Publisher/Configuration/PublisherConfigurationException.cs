using IssuerSync.Core;

namespace IssuerSync.Publisher.Configuration;

/// <summary>The publisher's settings cannot be used; <see cref="Problems"/> lists every problem, each naming the setting, the value and the fix.</summary>
public sealed class PublisherConfigurationException : IssuerSyncException
{
    public PublisherConfigurationException(IReadOnlyList<string> problems)
        : base(
            $"{problems.Count} problem(s) in the publisher's settings:{Environment.NewLine}" +
            string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}

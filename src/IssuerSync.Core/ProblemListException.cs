namespace IssuerSync.Core;

/// <summary>
/// Input with several problems found at once (settings, registrations): the message counts them and lists each on its own indented
/// line, so one run shows every fix; <see cref="Problems"/> keeps them for callers that report them another way.
/// </summary>
public abstract class ProblemListException<TProblem> : IssuerSyncException
    where TProblem : notnull
{
    /// <param name="what">What holds the problems, as the message names it: "the issuer registrations".</param>
    protected ProblemListException(string what, IReadOnlyList<TProblem> problems)
        : base(Describe(what, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<TProblem> Problems { get; }

    private static string Describe(string what, IReadOnlyList<TProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return $"{problems.Count} problem(s) in {what}:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  " + p));
    }
}

using System.Text.RegularExpressions;
using IssuerSync.Core.Issuers;

namespace IssuerSync.Core.Registration;

/// <summary>
/// Checks issuer registrations at load and reports every problem at once, each naming the setting
/// (<c>issuers[ID].Field</c>), the value and the fix.
/// </summary>
public static partial class RegistrationValidator
{
    /// <summary>Bounds of the settings, wide enough for real clusters and narrow enough to catch unit mistakes.</summary>
    public static readonly TimeSpan MinRetentionWindow = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxRetentionWindow = TimeSpan.FromDays(365);
    public static readonly TimeSpan MaxTokenLifetimeLimit = TimeSpan.FromHours(48);

    public static IReadOnlyList<RegistrationProblem> Validate(IReadOnlyList<IssuerRegistration> registrations)
    {
        var problems = new List<RegistrationProblem>();
        if (registrations.Count == 0)
        {
            problems.Add(new RegistrationProblem("issuers", "(none)", "register at least one issuer"));
        }

        for (var i = 0; i < registrations.Count; i++)
        {
            Check(registrations[i], i, problems);
        }

        foreach (var group in registrations.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new RegistrationProblem(
                $"issuers[{group.Key}].Id",
                group.Key,
                $"the id is used by {group.Count()} registrations: give each issuer its own id"));
        }

        foreach (var group in registrations.GroupBy(r => r.Issuer, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new RegistrationProblem(
                "Issuer",
                group.Key,
                $"registered {group.Count()} times (ids {string.Join(", ", group.Select(r => r.Id))}): an issuer URL belongs to one registration"));
        }

        return problems;
    }

    /// <summary>The registrations as a lookup by issuer URL, or a <see cref="RegistrationException"/> listing every problem.</summary>
    public static IssuerRegistry Load(IReadOnlyList<IssuerRegistration> registrations)
    {
        var problems = Validate(registrations);
        return problems.Count == 0 ? new IssuerRegistry(registrations) : throw new RegistrationException(problems);
    }

    private static void Check(IssuerRegistration r, int index, List<RegistrationProblem> problems)
    {
        var name = IdPattern().IsMatch(r.Id ?? string.Empty) ? $"issuers[{r.Id}]" : $"issuers[{index}]";
        void Add(string field, object? value, string fix) => problems.Add(new RegistrationProblem($"{name}.{field}", Show(value), fix));

        if (!IdPattern().IsMatch(r.Id ?? string.Empty))
        {
            Add("Id", r.Id, "use 1 to 63 lowercase letters, digits or '-', starting with a letter or digit (it names the state document)");
        }

        try
        {
            IssuerUrl.Parse(r.Issuer ?? string.Empty);
        }
        catch (IssuerUrlException e)
        {
            Add("Issuer", r.Issuer, e.Message);
        }

        if (string.IsNullOrWhiteSpace(r.Target))
        {
            Add("Target", r.Target, "name where the documents are published, e.g. dir:/srv/oidc or https://ACCOUNT.blob.core.windows.net/$web");
        }

        if (!SubjectPattern().IsMatch(r.AgentSubject ?? string.Empty))
        {
            Add("AgentSubject", r.AgentSubject, "give the agent's service account as system:serviceaccount:NAMESPACE:NAME");
        }

        if (string.IsNullOrWhiteSpace(r.Audience) || r.Audience != r.Audience.Trim())
        {
            Add("Audience", r.Audience, $"give the audience the agent requests its token for (default '{Push.PushProtocol.DefaultAudience}'), without spaces");
        }

        if (r.MaxTokenLifetime <= TimeSpan.Zero || r.MaxTokenLifetime > MaxTokenLifetimeLimit)
        {
            Add(
                "MaxTokenLifetime",
                r.MaxTokenLifetime,
                $"use a positive lifetime of at most {MaxTokenLifetimeLimit.TotalHours:0} hours (agents request tokens of minutes)");
        }

        if (r.RetentionWindow < MinRetentionWindow || r.RetentionWindow > MaxRetentionWindow)
        {
            Add(
                "RetentionWindow",
                r.RetentionWindow,
                $"use between {MinRetentionWindow.TotalHours:0} hour and {MaxRetentionWindow.TotalDays:0} days, " +
                "longer than the longest token lifetime of the cluster");
        }
        else if (r.RetentionWindow <= r.MaxTokenLifetime)
        {
            Add(
                "RetentionWindow",
                r.RetentionWindow,
                $"must be longer than MaxTokenLifetime ({r.MaxTokenLifetime}) so tokens signed by a removed key stay verifiable until they expire");
        }

        var retentionValid = problems.Count == 0 || problems[^1].Name != $"{name}.RetentionWindow";
        if (r.MaxBundleAge <= TimeSpan.Zero || (retentionValid && r.MaxBundleAge > r.RetentionWindow))
        {
            Add("MaxBundleAge", r.MaxBundleAge, $"use a positive age no longer than RetentionWindow ({r.RetentionWindow})");
        }

        if (string.IsNullOrWhiteSpace(r.CacheControl) || r.CacheControl.Any(char.IsControl))
        {
            Add("CacheControl", r.CacheControl, $"give a Cache-Control header value such as '{Documents.DocumentDefaults.CacheControl}'");
        }
    }

    /// <summary>Whether <paramref name="id"/> is a well-formed issuer id (it names the state document and the operator routes).</summary>
    public static bool IsValidId(string? id) => IdPattern().IsMatch(id ?? string.Empty);

    private static string Show(object? value) => value switch
    {
        null => "(null)",
        TimeSpan t => t.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,62}\z")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^system:serviceaccount:[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?:[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\z")]
    private static partial Regex SubjectPattern();
}

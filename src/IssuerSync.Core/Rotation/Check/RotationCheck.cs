using System.Globalization;

namespace IssuerSync.Core.Rotation.Check;

/// <summary>
/// Decides whether a rotation step is safe now (docs/rotation.md). Pure: the caller fetches the documents and the
/// publisher's status. Switch (step 3): the new kid is in the JWKS the clouds fetch, the publisher has it active,
/// and the JWKS's max-age plus the agent's interval have passed since the publisher published it. Remove (step 5):
/// the new kid signed the latest accepted push, and the longest token lifetime has passed since it started to.
/// </summary>
public static class RotationCheck
{
    public static readonly TimeSpan DefaultAgentInterval = TimeSpan.FromMinutes(5);

    /// <summary>The kubelet renews projected tokens once they are 24 hours old; the Azure Workload Identity guide waits as long.</summary>
    public static readonly TimeSpan DefaultMaxTokenLifetime = TimeSpan.FromHours(24);

    /// <summary>A JWKS without max-age is cached as long as each cache likes: assume verify's long-cache threshold.</summary>
    public static readonly TimeSpan AssumedMaxAge = TimeSpan.FromHours(1);

    public static RotationCheckResult Decide(RotationCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reasons = new List<string>();
        return input.Step == RotationStep.Switch ? Switch(input, reasons) : Remove(input, reasons);
    }

    private static RotationCheckResult Switch(RotationCheckInput input, List<string> reasons)
    {
        var newKid = input.NewKid;
        if (NotServed(input, reasons, "add it to the keys the API server verifies with (step 1) and let the agent push; keep signing with the old key")
            is { } notServed)
        {
            return notServed;
        }

        if (input.Publisher is not { } publisher)
        {
            return Result(input, StepVerdict.Unknown, null, reasons,
                $"when {newKid} was first published is not known without --publisher: " +
                "switch only once the JWKS's max-age plus the agent's interval have passed since it was first served");
        }

        if (publisher.LatestSigningKid == newKid)
        {
            reasons.Add($"the latest accepted push was already signed by {newKid}");
            return Result(input, StepVerdict.Safe, null, reasons,
                "nothing to switch: the cluster signs with the new key; next, wait out the old key's tokens (step 4): issuersync rotate check --step remove");
        }

        if (NotActive(input, publisher, newKid, reasons) is { } notActive)
        {
            return notActive;
        }

        var key = publisher.Find(newKid)!;
        reasons.Add($"the publisher has {newKid} active and published since {Time(key.ChangedAt)}");
        var maxAge = input.CacheMaxAge ?? AssumedMaxAge;
        reasons.Add(input.CacheMaxAge is null
            ? $"the JWKS has no Cache-Control max-age, so caches pick their own lifetime: assuming {Span(maxAge)}"
            : $"a cloud or CDN may cache the JWKS for {Span(maxAge)} (Cache-Control max-age)");
        var safeAt = Add(key.ChangedAt, maxAge + input.AgentInterval);
        reasons.Add(
            $"every cache holds a JWKS with {newKid} from {Time(safeAt)} on (published + max-age {Span(maxAge)} + agent interval {Span(input.AgentInterval)})");
        return Timed(input, safeAt, reasons, $"switch the signing key to {newKid} (step 3)", "keep signing with the old key until then");
    }

    private static RotationCheckResult Remove(RotationCheckInput input, List<string> reasons)
    {
        var newKid = input.NewKid;
        if (input.OldKid is not { } oldKid)
        {
            return Result(input, StepVerdict.Unknown, null, reasons, "which key is the old one is not known: pass --old-kid or --old-key");
        }

        if (NotServed(input, reasons, "the clouds cannot verify its tokens: put it back among the published keys before removing any other") is { } notServed)
        {
            return notServed;
        }

        if (input.Publisher is not { } publisher)
        {
            return Result(input, StepVerdict.Unknown, null, reasons,
                $"since when the cluster signs with {newKid} is not known without --publisher: " +
                $"remove {oldKid} only once {Span(input.MaxTokenLifetime)} (the longest token lifetime) have passed since the switch");
        }

        if (publisher.LatestSigningKid != newKid)
        {
            return Result(input, StepVerdict.Blocked, null, reasons, publisher.LatestSigningKid is null
                ? $"no accepted push is recorded as signed by {newKid}: switch the signing key first (step 3) and let the agent push"
                : $"the latest accepted push was signed by {publisher.LatestSigningKid}, not {newKid}: switch the signing key first (step 3); " +
                  "the agent pushes with the new key at its next --resync, or at once when restarted");
        }

        if (publisher.LatestSigningSince is not { } since)
        {
            return Result(input, StepVerdict.Unknown, null, reasons,
                $"the publisher does not say since when {newKid} signs (its history holds no push signed by it): " +
                $"remove {oldKid} only once {Span(input.MaxTokenLifetime)} have passed since the switch");
        }

        reasons.Add($"the pushes are signed by {newKid} since {Time(since)}");
        if (publisher.Find(oldKid) is { Status: not KeyStatusNames.Active } old)
        {
            reasons.Add($"{oldKid} is already gone from the cluster's keys: the publisher has it {old.Status} since {Time(old.ChangedAt)}");
        }

        var safeAt = Add(since, input.MaxTokenLifetime);
        reasons.Add($"tokens {oldKid} signed live at most {Span(input.MaxTokenLifetime)}: the last one expires by {Time(safeAt)}");
        return Timed(
            input,
            safeAt,
            reasons,
            $"remove {oldKid} from the keys the API server verifies with (step 5)",
            $"keep {oldKid} among the keys the API server verifies with until then");
    }

    /// <summary>Blocked when the documents could not be read or do not serve the new kid; records the served kids otherwise.</summary>
    private static RotationCheckResult? NotServed(RotationCheckInput input, List<string> reasons, string fix)
    {
        if (input.ServedKids is not { } served)
        {
            return Result(input, StepVerdict.Blocked, null, reasons,
                $"the published documents could not be read: {input.ServedProblem ?? "no reason given"}; run issuersync verify for the details");
        }

        if (!served.Contains(input.NewKid, StringComparer.Ordinal))
        {
            return Result(input, StepVerdict.Blocked, null, reasons, $"{input.NewKid} is not in the published JWKS (served: {Kids(served)}): {fix}");
        }

        reasons.Add($"the published JWKS serves {input.NewKid} (served: {Kids(served)})");
        return null;
    }

    private static RotationCheckResult? NotActive(RotationCheckInput input, PublisherFacts publisher, string newKid, List<string> reasons)
    {
        var key = publisher.Find(newKid);
        return key?.Status switch
        {
            KeyStatusNames.Active => null,
            null => Result(input, StepVerdict.Blocked, null, reasons,
                $"the publisher does not know {newKid} (the JWKS was written by someone else?): " +
                "let the agent push it (step 1) so that the publisher keeps it published"),
            KeyStatusNames.Pending => Result(input, StepVerdict.Blocked, null, reasons,
                $"the publisher has {newKid} pending: approve it by fingerprint (issuersync status prints the issuersync approve line)"),
            _ => Result(input, StepVerdict.Blocked, null, reasons,
                $"the publisher has {newKid} {key.Status}, not active: it will not stay published; " +
                "add it to the keys the API server verifies with and let the agent push"),
        };
    }

    private static RotationCheckResult Timed(RotationCheckInput input, DateTimeOffset safeAt, List<string> reasons, string action, string wait)
    {
        if (input.Now >= safeAt)
        {
            return Result(input, StepVerdict.Safe, safeAt, reasons, $"{action}: safe since {Time(safeAt)}");
        }

        var left = safeAt - input.Now;
        return Result(input, StepVerdict.NotYet, safeAt, reasons, $"{wait}: safe at {Time(safeAt)}, in {Span(left)}") with { TimeLeft = left };
    }

    private static RotationCheckResult Result(RotationCheckInput input, StepVerdict verdict, DateTimeOffset? safeAt, List<string> reasons, string last)
    {
        reasons.Add(last);
        return new RotationCheckResult
        {
            Step = input.Step,
            Verdict = verdict,
            NewKid = input.NewKid,
            OldKid = input.OldKid,
            SafeAt = safeAt,
            Reasons = reasons,
        };
    }

    private static DateTimeOffset Add(DateTimeOffset instant, TimeSpan span) => SaturatingTime.Add(instant, span);

    private static string Kids(IReadOnlyList<string> kids) => kids.Count == 0 ? "no key" : string.Join(", ", kids);

    public static string Time(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"1d 2h 3m 4s", zero parts left out; under a second: "0s".</summary>
    public static string Span(TimeSpan span)
    {
        span = span == TimeSpan.MinValue ? TimeSpan.MaxValue : span.Duration();

        // Round up to whole seconds: "in 0s" must not be printed while time is still left.
        var remainder = span.Ticks % TimeSpan.TicksPerSecond;
        if (remainder > 0 && span.Ticks <= TimeSpan.MaxValue.Ticks - TimeSpan.TicksPerSecond)
        {
            span = TimeSpan.FromTicks(span.Ticks - remainder + TimeSpan.TicksPerSecond);
        }

        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add($"{span.Days}d");
        }

        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours}h");
        }

        if (span.Minutes > 0)
        {
            parts.Add($"{span.Minutes}m");
        }

        if (span.Seconds > 0 || parts.Count == 0)
        {
            parts.Add($"{span.Seconds}s");
        }

        return string.Join(' ', parts);
    }
}

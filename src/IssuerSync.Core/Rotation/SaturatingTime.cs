namespace IssuerSync.Core.Rotation;

/// <summary>
/// Time arithmetic that saturates at <see cref="DateTimeOffset.MinValue"/> and
/// <see cref="DateTimeOffset.MaxValue"/> instead of throwing: a token may claim exp = year 9999.
/// </summary>
internal static class SaturatingTime
{
    public static DateTimeOffset Add(DateTimeOffset instant, TimeSpan span)
    {
        if (span >= TimeSpan.Zero)
        {
            return DateTimeOffset.MaxValue - instant <= span ? DateTimeOffset.MaxValue : instant + span;
        }

        return instant - DateTimeOffset.MinValue <= -span ? DateTimeOffset.MinValue : instant + span;
    }
}

using Cronos;

namespace IssuerSync.Publisher.Web.Scheduling;

/// <summary>
/// The reconcile schedule as the Functions timer trigger reads it: an NCRONTAB expression with six
/// fields (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>), in UTC.
/// </summary>
public sealed class ReconcileSchedule
{
    private readonly CronExpression _expression;

    private ReconcileSchedule(string text, CronExpression expression)
    {
        Text = text;
        _expression = expression;
    }

    public string Text { get; }

    /// <exception cref="FormatException">Not a six-field NCRONTAB expression; the message names the value and the fix.</exception>
    public static ReconcileSchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return new ReconcileSchedule(text, CronExpression.Parse(text.Trim(), CronFormat.IncludeSeconds));
        }
        catch (CronFormatException e)
        {
            throw new FormatException(
                $"IssuerSync__ReconcileSchedule '{text}' is not an NCRONTAB expression ({e.Message}): " +
                "give six fields, seconds first, e.g. '0 */5 * * * *' for every 5 minutes",
                e);
        }
    }

    /// <summary>The first run strictly after <paramref name="from"/>, or null if the expression never fires again.</summary>
    public DateTimeOffset? Next(DateTimeOffset from) => _expression.GetNextOccurrence(from, TimeZoneInfo.Utc);
}

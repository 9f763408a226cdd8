using System.Text.Json.Serialization;

namespace IssuerSync.Core.Rotation;

/// <summary>Who caused a change: a push (the kid that signed its token, its sub, its source address), an operator, or the retention policy.</summary>
public sealed record HistoryActor
{
    public const string PushKind = "push";
    public const string OperatorKind = "operator";
    public const string PolicyKind = "policy";

    public required string Kind { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SigningKid { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Subject { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Operator { get; init; }

    public static HistoryActor Policy { get; } = new() { Kind = PolicyKind };

    public static HistoryActor ForPush(string? signingKid, string? subject, string? source)
        => new() { Kind = PushKind, SigningKid = signingKid, Subject = subject, Source = source };

    public static HistoryActor ForOperator(string name) => new() { Kind = OperatorKind, Operator = name };
}

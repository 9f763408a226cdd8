using System.Text.Json;

namespace IssuerSync.Publisher.Services;

/// <summary>The HTTP answer of an operator function: status and a JSON body.</summary>
public sealed class OperatorOutcome
{
    private readonly Func<byte[]> _json;

    private OperatorOutcome(int httpStatus, Func<byte[]> json, object body)
    {
        HttpStatus = httpStatus;
        _json = json;
        Body = body;
    }

    public int HttpStatus { get; }

    /// <summary>The answer: an <see cref="OperatorResponse"/>, an <see cref="Status.IssuerStatusView"/> or a <see cref="Status.IssuerStatusList"/>.</summary>
    public object Body { get; }

    public byte[] ToJson() => _json();

    internal static OperatorOutcome Of(int httpStatus, OperatorResponse body)
        => new(httpStatus, () => JsonSerializer.SerializeToUtf8Bytes(body, PublisherJson.Default.OperatorResponse), body);

    internal static OperatorOutcome Of(int httpStatus, Status.IssuerStatusView body)
        => new(httpStatus, () => JsonSerializer.SerializeToUtf8Bytes(body, PublisherJson.Default.IssuerStatusView), body);

    internal static OperatorOutcome Of(int httpStatus, Status.IssuerStatusList body)
        => new(httpStatus, () => JsonSerializer.SerializeToUtf8Bytes(body, PublisherJson.Default.IssuerStatusList), body);

    internal static OperatorOutcome Refuse(int httpStatus, string issuerId, string code, string message)
        => Of(httpStatus, new OperatorResponse { IssuerId = issuerId, Error = code, Message = message });
}

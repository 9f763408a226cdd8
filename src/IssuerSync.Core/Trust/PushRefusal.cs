namespace IssuerSync.Core.Trust;

/// <summary>Why a push is refused: a stable code (<see cref="PushRefusalCodes"/>), the HTTP status, and a message naming the value and the fix.</summary>
public sealed record PushRefusal(string Code, int HttpStatus, string Message)
{
    public static PushRefusal BadRequest(string code, string message) => new(code, 400, message);

    public static PushRefusal Unauthorized(string code, string message) => new(code, 401, message);

    public static PushRefusal Forbidden(string code, string message) => new(code, 403, message);

    public static PushRefusal Conflict(string code, string message) => new(code, 409, message);

    public Push.PushResponse ToResponse() => new() { Error = Code, Message = Message };
}

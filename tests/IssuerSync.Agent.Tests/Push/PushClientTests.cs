using System.Net;
using System.Text.Json;
using IssuerSync.Agent.Push;
using IssuerSync.Core.Push;
using Microsoft.Extensions.Logging.Abstractions;

namespace IssuerSync.Agent.Tests.Push;

public sealed class PushClientTests : IAsyncLifetime
{
    private readonly TestTimeProvider _time = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private FakePushEndpoint _publisher = null!;
    private int _tokensIssued;

    public async Task InitializeAsync() => _publisher = await FakePushEndpoint.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _publisher.DisposeAsync();
    }

    [Fact]
    public async Task PushAsync_PostsTheBodyWithTheBearerAndFunctionKey_ToApiPushKeys()
    {
        var body = Body();

        var result = await Client(new PushClientOptions { FunctionKey = "fn-key" }).PushAsync(body, NextToken);

        var push = Assert.Single(_publisher.Pushes);
        Assert.Equal(("POST", "/api/PushKeys"), (push.Method, push.Path));
        Assert.Equal("Bearer token-1", push.Headers["Authorization"]);
        Assert.Equal("fn-key", push.Headers["x-functions-key"]);
        Assert.Equal("application/json", push.Headers["Content-Type"]);
        Assert.Equal(body.ToJson(), push.Body);
        Assert.Equal((HttpStatusCode.OK, "accepted", 1), (result.StatusCode, result.Response.Status, result.Attempts));
    }

    [Fact]
    public async Task PushAsync_SendsNoFunctionKeyHeader_WhenNoneIsConfigured()
    {
        await Client(new PushClientOptions()).PushAsync(Body(), NextToken);

        Assert.False(Assert.Single(_publisher.Pushes).Headers.ContainsKey(PushProtocol.FunctionKeyHeader));
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "token_signature_invalid", "the token is not signed by a key trusted for this issuer")]
    [InlineData(HttpStatusCode.Forbidden, "subject_not_allowed", "system:serviceaccount:default:other may not push")]
    [InlineData(HttpStatusCode.Conflict, "token_reused", "this token was accepted with another body")]
    [InlineData(HttpStatusCode.BadRequest, "version_unsupported", "expected issuersync.push/v1")]
    public async Task PushAsync_StopsAtOnceAndReportsThePublishersReason_WhenRefusedWith4xx(HttpStatusCode status, string reason, string message)
    {
        _publisher.Reply(status, Json(new PushResponse { Error = reason, Message = message }));

        var error = await Assert.ThrowsAsync<PushRejectedException>(() => Client(new PushClientOptions()).PushAsync(Body(), NextToken));

        Assert.Single(_publisher.Pushes);
        Assert.Empty(_time.Delays);
        Assert.Equal((status, reason, message, 1), (error.StatusCode, error.Reason, error.PublisherMessage, error.Attempts));
        Assert.StartsWith($"the publisher refused the push with {(int)status} {status} ({reason}): {message}", error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, 1)]
    [InlineData(HttpStatusCode.BadGateway, 2)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 4)]
    [InlineData(HttpStatusCode.TooManyRequests, 3)]
    public async Task PushAsync_RetriesWithAFreshTokenEachTime_WhenThePublisherFailsTransiently(HttpStatusCode status, int failures)
    {
        _publisher.Reply(status, times: failures);

        var result = await Client(new PushClientOptions { MaxAttempts = 5 }).PushAsync(Body(), NextToken);

        Assert.Equal(failures + 1, result.Attempts);
        Assert.Equal(failures + 1, _publisher.Pushes.Count);
        Assert.Equal(failures, _time.Delays.Count);
        Assert.Equal(Enumerable.Range(1, failures + 1).Select(i => $"token-{i}"), _publisher.Pushes.Select(p => p.Bearer));
    }

    [Fact]
    public async Task PushAsync_GivesUpAfterMaxAttemptsWithGrowingJitteredDelays_WhenThePublisherStays5xx()
    {
        _publisher.Reply(HttpStatusCode.ServiceUnavailable, Json(new PushResponse { Error = "state_store_unavailable" }), times: 10);
        var options = new PushClientOptions { MaxAttempts = 4, InitialBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromSeconds(5), Random = new Random(7) };

        var error = await Assert.ThrowsAsync<PushFailedException>(() => Client(options).PushAsync(Body(), NextToken));

        Assert.Equal(4, _publisher.Pushes.Count);
        Assert.Equal(4, error.Attempts);
        Assert.Equal("503 ServiceUnavailable (state_store_unavailable)", error.LastFailure);
        var delays = _time.Delays.ToArray();
        Assert.Equal(3, delays.Length);
        Assert.InRange(delays[0], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.InRange(delays[1], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        Assert.InRange(delays[2], TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task PushAsync_RetriesAndThenFails_WhenThePublisherDoesNotAnswerInTime()
    {
        _publisher.Reply(HttpStatusCode.OK, delay: TimeSpan.FromSeconds(10), times: 2);
        // 1.5 s, not less: on a loaded machine the second request must reach the fake before its own timeout.
        var options = new PushClientOptions { MaxAttempts = 2, RequestTimeout = TimeSpan.FromMilliseconds(1500) };

        var error = await Assert.ThrowsAsync<PushFailedException>(() => Client(options).PushAsync(Body(), NextToken));

        Assert.Equal(2, _publisher.Pushes.Count);
        Assert.Single(_time.Delays);
        Assert.Equal("no answer within 1.5 s", error.LastFailure);
        Assert.StartsWith($"the push to {_publisher.BaseUri}api/PushKeys failed 2 times, the last with no answer within 1.5 s", error.Message);
    }

    [Fact]
    public async Task PushAsync_RecoversFromATimeout_WhenTheNextAttemptIsAnswered()
    {
        _publisher.Reply(HttpStatusCode.OK, delay: TimeSpan.FromSeconds(10));
        var options = new PushClientOptions { MaxAttempts = 3, RequestTimeout = TimeSpan.FromSeconds(3) };

        var result = await Client(options).PushAsync(Body(), NextToken);

        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, _publisher.Pushes.Count);
    }

    [Fact]
    public async Task PushAsync_ReportsPending_WhenThePublisherAwaitsApproval()
    {
        _publisher.Reply(HttpStatusCode.Accepted, Json(new PushResponse { Status = "pending", Changed = true, Pending = ["kid-1"] }));

        var result = await Client(new PushClientOptions()).PushAsync(Body(), NextToken);

        Assert.True(result.Pending);
        Assert.Equal(["kid-1"], result.Response.Pending);
    }

    private static string Json(PushResponse response) => System.Text.Encoding.UTF8.GetString(response.ToJson());

    private static PushRequest Body() => new()
    {
        Issuer = "https://oidc.example.com/cluster1",
        Jwks = JsonDocument.Parse("""{"keys":[]}""").RootElement.Clone(),
        ObservedAt = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero),
        AgentVersion = "test",
    };

    private Task<string> NextToken(CancellationToken cancellationToken) => Task.FromResult($"token-{Interlocked.Increment(ref _tokensIssued)}");

    private PushClient Client(PushClientOptions options)
        => new(_http, PublisherEndpoint.Parse(_publisher.BaseUri.ToString()), options, _time, NullLogger.Instance);
}

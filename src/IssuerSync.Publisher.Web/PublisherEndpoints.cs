using IssuerSync.Core.Push;
using IssuerSync.Publisher.Services;
using IssuerSync.Publisher.Web.Http;
using IssuerSync.Publisher.Web.Invocations;
using IssuerSync.Publisher.Web.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Publisher.Web;

/// <summary>
/// The routes of docs/publisher-api.md, mapped onto the application layer. Every handler reads the
/// request, makes one service call and writes its answer back unchanged.
/// </summary>
public static partial class PublisherEndpoints
{
    public static IEndpointRouteBuilder MapPublisher(
        this IEndpointRouteBuilder routes,
        PublisherApp publisher,
        PublisherEndpointOptions options,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger(typeof(PublisherEndpoints).FullName!);

        routes.MapPost("/api/PushKeys", Keyed(options.PushKey, WithBody(options, async (context, body) =>
        {
            var outcome = await publisher.Push.PushAsync(
                body,
                JsonAnswer.BearerToken(context.Request),
                SourceAddress.Of(context, options.TrustForwardedFor),
                context.RequestAborted).ConfigureAwait(false);
            await JsonAnswer.WriteAsync(context, outcome.HttpStatus, outcome.ToJson()).ConfigureAwait(false);
        })));
        routes.MapPost("/api/issuers/{id}/approve", Keyed(options.OperatorKey, WithBody(options, async (context, body) =>
            await Answer(context, await publisher.Operators.ApproveAsync(Id(context), body, context.RequestAborted).ConfigureAwait(false))
                .ConfigureAwait(false))));
        routes.MapPost("/api/issuers/{id}/revoke", Keyed(options.OperatorKey, WithBody(options, async (context, body) =>
            await Answer(context, await publisher.Operators.RevokeAsync(Id(context), body, context.RequestAborted).ConfigureAwait(false))
                .ConfigureAwait(false))));
        routes.MapPost("/api/issuers/{id}/publish", Keyed(options.OperatorKey, WithBody(options, async (context, _) =>
            await Answer(context, await publisher.Operators.PublishNowAsync(Id(context), context.RequestAborted).ConfigureAwait(false))
                .ConfigureAwait(false))));
        routes.MapGet("/api/issuers/{id?}", Keyed(options.OperatorKey, async context =>
            await Answer(
                context,
                await publisher.Operators.StatusAsync(context.Request.RouteValues["id"] as string, context.RequestAborted).ConfigureAwait(false))
                .ConfigureAwait(false)));

        if (options.MapInvocations)
        {
            routes.MapPost("/Reconcile", WithBody(options, (context, _) => Reconcile(context, publisher.Reconcile, logger)));
            routes.MapPost("/ReconcileIssuer", WithBody(options, (context, body) => ReconcileIssuer(context, body, publisher.Reconcile, logger)));
        }

        routes.MapFallback(context => JsonAnswer.ErrorAsync(context, StatusCodes.Status404NotFound, "route_unknown",
            $"no route {context.Request.Method} {context.Request.Path}: the routes are POST /api/PushKeys, " +
            "POST /api/issuers/{id}/approve|revoke|publish and GET /api/issuers[/{id}] (docs/publisher-api.md)"));
        return routes;
    }

    /// <summary>Timer → one queue message per registered issuer (the issuer id).</summary>
    private static Task Reconcile(HttpContext context, ReconcileService reconcile, ILogger logger)
    {
        var ids = reconcile.IssuerIds;
        Log.Queued(logger, ids.Count);
        var answer = new InvocationResponse()
            .QueueMessages(FunctionBindings.ReconcileOutput, ids)
            .Log($"queued {ids.Count} issuer(s) on {FunctionBindings.ReconcileQueue}");
        return JsonAnswer.WriteAsync(context, StatusCodes.Status200OK, answer.ToJson());
    }

    /// <summary>
    /// Queue message → one issuer reconciled. A transient failure is answered 500 so that the host
    /// retries the message and, after <c>maxDequeueCount</c>, moves it to the poison queue; a lasting one
    /// (an issuer no longer registered, a corrupted state) is answered 200 with the reason in the log,
    /// because retrying it changes nothing.
    /// </summary>
    private static async Task ReconcileIssuer(HttpContext context, byte[] body, ReconcileService reconcile, ILogger logger)
    {
        var invocation = InvocationRequest.Parse(body);
        var issuerId = invocation?.Text(FunctionBindings.IssuerIdTrigger);
        if (issuerId is null)
        {
            Log.MessageMalformed(logger);
            await JsonAnswer.WriteAsync(context, StatusCodes.Status400BadRequest, new InvocationResponse()
                .Log($"the invocation carries no Data.{FunctionBindings.IssuerIdTrigger}: a message on {FunctionBindings.ReconcileQueue} must be an issuer id")
                .ToJson()).ConfigureAwait(false);
            return;
        }

        var outcome = await reconcile.ReconcileIssuerAsync(issuerId, context.RequestAborted).ConfigureAwait(false);
        var line = $"{outcome.IssuerId}: {outcome.Summary}";
        int status;
        if (outcome.Succeeded)
        {
            Log.Reconciled(logger, outcome.IssuerId, outcome.Summary);
            status = StatusCodes.Status200OK;
        }
        else if (outcome.Transient)
        {
            Log.ReconcileRetried(logger, outcome.IssuerId, invocation!.DequeueCount ?? 0, outcome.Summary);
            status = StatusCodes.Status500InternalServerError;
        }
        else
        {
            Log.ReconcileFailed(logger, outcome.IssuerId, outcome.Summary);
            status = StatusCodes.Status200OK;
        }

        await JsonAnswer.WriteAsync(context, status, new InvocationResponse().Log(line).ToJson()).ConfigureAwait(false);
    }

    private static string Id(HttpContext context) => (string)context.Request.RouteValues["id"]!;

    private static Task Answer(HttpContext context, OperatorOutcome outcome) => JsonAnswer.WriteAsync(context, outcome.HttpStatus, outcome.ToJson());

    private static RequestDelegate WithBody(PublisherEndpointOptions options, Func<HttpContext, byte[], Task> handler) => async context =>
    {
        var body = await RequestBody.ReadAsync(context.Request, options.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await JsonAnswer.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "body_too_large",
                $"the request body is larger than {options.MaxBodyBytes} bytes, the most the publisher reads").ConfigureAwait(false);
            return;
        }

        await handler(context, body).ConfigureAwait(false);
    };

    /// <summary><c>serve</c>'s own check of <c>x-functions-key</c> (on Azure the Functions host does it before proxying).</summary>
    private static RequestDelegate Keyed(FunctionKeyCheck? key, RequestDelegate handler) => key is null ? handler : context =>
    {
        var presented = context.Request.Headers[PushProtocol.FunctionKeyHeader].ToString();
        if (presented.Length == 0)
        {
            return JsonAnswer.ErrorAsync(context, StatusCodes.Status401Unauthorized, "function_key_missing",
                $"this route needs a key: send it in the {PushProtocol.FunctionKeyHeader} header");
        }

        return key.Matches(presented)
            ? handler(context)
            : JsonAnswer.ErrorAsync(context, StatusCodes.Status401Unauthorized, "function_key_invalid",
                $"the {PushProtocol.FunctionKeyHeader} header does not hold the key of this route: the agent uses the push key, operators the operator key");
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Reconcile: queued {Count} issuer(s)")]
        public static partial void Queued(ILogger logger, int count);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "ReconcileIssuer {IssuerId}: {Summary}")]
        public static partial void Reconciled(ILogger logger, string issuerId, string summary);

        [LoggerMessage(
            EventId = 3,
            Level = LogLevel.Warning,
            Message = "ReconcileIssuer {IssuerId} failed (transient, delivery {DequeueCount}; the host retries, then poisons): {Summary}")]
        public static partial void ReconcileRetried(ILogger logger, string issuerId, int dequeueCount, string summary);

        [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "ReconcileIssuer {IssuerId} failed (not retried): {Summary}")]
        public static partial void ReconcileFailed(ILogger logger, string issuerId, string summary);

        [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "ReconcileIssuer: the invocation carries no issuer id")]
        public static partial void MessageMalformed(ILogger logger);
    }
}

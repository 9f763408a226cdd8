using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace IssuerSync.Agent.Tokens;

/// <summary>
/// Asks the TokenRequest API (<c>POST /api/v1/namespaces/NS/serviceaccounts/NAME/token</c>) for a
/// short-lived token of the agent's own service account, bound to the publisher's audience.
/// Needs <c>create</c> on <c>serviceaccounts/token</c> for that account alone.
/// </summary>
public sealed class TokenRequestSource : ITokenSource
{
    /// <summary>The shortest lifetime the TokenRequest API accepts.</summary>
    public static readonly TimeSpan MinimumExpiration = TimeSpan.FromMinutes(10);

    private readonly Kubernetes _client;
    private readonly ServiceAccountRef _account;
    private readonly string _audience;
    private readonly TimeSpan _expiration;
    private readonly TimeProvider _time;
    private string? _lastToken;

    public TokenRequestSource(Kubernetes client, ServiceAccountRef account, string audience, TimeSpan expiration, TimeProvider? time = null)
    {
        if (expiration < MinimumExpiration)
        {
            throw AgentErrors.TokenExpirationTooShort(expiration);
        }

        _client = client;
        _account = account;
        _audience = audience;
        _expiration = expiration;
        _time = time ?? TimeProvider.System;
    }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        // A cluster that puts no jti in its tokens (Kubernetes before 1.30) mints the very same token for two requests
        // within one second, and the publisher refuses a token it already accepted with another body: ask again
        // in the next second rather than send a token twice.
        for (var attempt = 1; ; attempt++)
        {
            var token = await RequestAsync(cancellationToken).ConfigureAwait(false);
            if (!string.Equals(token, _lastToken, StringComparison.Ordinal) || attempt >= 3)
            {
                _lastToken = token;
                return token;
            }

            await Task.Delay(TimeSpan.FromSeconds(1.1), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> RequestAsync(CancellationToken cancellationToken)
    {
        var request = new Authenticationv1TokenRequest
        {
            ApiVersion = "authentication.k8s.io/v1",
            Kind = "TokenRequest",
            Spec = new V1TokenRequestSpec
            {
                Audiences = [_audience],
                ExpirationSeconds = (long)_expiration.TotalSeconds,
            },
        };

        Authenticationv1TokenRequest answer;
        try
        {
            answer = await _client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
                request,
                _account.Name,
                _account.Namespace,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            var what = $"TokenRequest for serviceaccount {_account}";
            throw e.Response?.StatusCode switch
            {
                HttpStatusCode.Forbidden => AgentErrors.TokenForbidden(_account),
                HttpStatusCode.NotFound => AgentErrors.TokenAccountMissing(_account),
                HttpStatusCode.Unauthorized => AgentErrors.Unauthorized(what),
                { } status => AgentErrors.ApiServerStatus(what, status, null),
                null => AgentErrors.ApiServerUnreachable(_client.BaseUri, e.Message.TrimEnd('.')),
            };
        }
        catch (HttpRequestException e)
        {
            throw AgentErrors.ApiServerUnreachable(_client.BaseUri, e.Message.TrimEnd('.'));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw AgentErrors.ApiServerTimeout(_client.BaseUri, $"the TokenRequest for serviceaccount {_account}", _client.HttpClient.Timeout);
        }

        var token = answer?.Status?.Token;
        return string.IsNullOrWhiteSpace(token) ? throw AgentErrors.TokenEmpty(_account) : token;
    }
}

using Azure.Core;
using Azure.Core.Pipeline;

namespace IssuerSync.Storage.Targets.Azure;

/// <summary>Counts every HTTP attempt the blob client sends (placed per retry, so retries count).</summary>
internal sealed class CountingPolicy(RequestCounter counter) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => counter.Record(message.Request.Method.Method);
}

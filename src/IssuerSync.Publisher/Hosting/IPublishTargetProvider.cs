using IssuerSync.Publisher.Configuration;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Publisher.Hosting;

/// <summary>Gives the services the ready publish target of an issuer; the host decides credentials.</summary>
public interface IPublishTargetProvider
{
    IPublishTarget For(IssuerSettings issuer);
}

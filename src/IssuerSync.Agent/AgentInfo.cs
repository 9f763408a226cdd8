using System.Reflection;

namespace IssuerSync.Agent;

/// <summary>What the agent says about itself in every push (<c>agentVersion</c>).</summary>
public static class AgentInfo
{
    public static string Version { get; } =
        typeof(AgentInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(AgentInfo).Assembly.GetName().Version?.ToString(3)
        ?? "0.0.0";
}

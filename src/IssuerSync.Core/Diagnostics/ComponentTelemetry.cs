using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace IssuerSync.Core.Diagnostics;

/// <summary>
/// One component's <see cref="Meter"/> and <see cref="ActivitySource"/>, declared together under one name and version
/// (the name a host's exporter subscribes to). Instruments cost next to nothing while no listener is attached.
/// </summary>
public sealed class ComponentTelemetry : IDisposable
{
    public ComponentTelemetry(string name, string version)
    {
        Name = name;
        Version = version;
        Meter = new Meter(name, version);
        Source = new ActivitySource(name, version);
    }

    public string Name { get; }

    public string Version { get; }

    public Meter Meter { get; }

    public ActivitySource Source { get; }

    /// <summary>The informational version of <paramref name="assembly"/> without its source-revision suffix (+sha), else 0.0.0.</summary>
    public static string VersionOf(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
    }

    public void Dispose()
    {
        Meter.Dispose();
        Source.Dispose();
    }
}

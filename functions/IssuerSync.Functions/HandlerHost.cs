using System.Globalization;
using System.Net;
using IssuerSync.Publisher;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Publisher.Web;
using IssuerSync.Publisher.Web.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Functions;

/// <summary>
/// The custom handler: reads the app settings (environment variables, <c>__</c> nests), validates them
/// all before listening, and serves the publisher's routes and invocation endpoints on
/// 127.0.0.1:<c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, the port the Functions host proxies to.
/// </summary>
public static class HandlerHost
{
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Exit code when the configuration is refused (every problem is printed first).</summary>
    public const int ConfigurationInvalid = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var problems = new List<string>();
        var port = Port(builder.Configuration[PortSetting], problems);
        PublisherSettings? settings = null;
        try
        {
            builder.Configuration.AddPublisherFile(builder.Configuration[PublisherConfigurationFile.Setting]);
            settings = PublisherSettingsReader.Read(builder.Configuration);
        }
        catch (PublisherConfigurationException e)
        {
            problems.AddRange(e.Problems);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
        {
            problems.Add(e.Message);
        }

        if (problems.Count > 0 || settings is null)
        {
            return await RefuseAsync(stderr, problems).ConfigureAwait(false);
        }

        builder.AddPublisherTelemetry();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
        });
        await using var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        PublisherApp publisher;
        try
        {
            publisher = PublisherApp.Create(settings, new PublisherDependencies { Time = TimeProvider.System, LoggerFactory = loggers });
        }
        catch (PublisherConfigurationException e)
        {
            return await RefuseAsync(stderr, e.Problems).ConfigureAwait(false);
        }

        app.MapPublisher(publisher, new PublisherEndpointOptions { TrustForwardedFor = true, MapInvocations = true }, loggers);
        var logger = loggers.CreateLogger("IssuerSync.Functions");
        if (string.IsNullOrEmpty(builder.Configuration["IssuerSync:ReconcileSchedule"]))
        {
            logger.LogWarning(
                "the app setting IssuerSync__ReconcileSchedule is not set: the Functions host cannot resolve the Reconcile timer's " +
                "%IssuerSync__ReconcileSchedule% and skips that function; set it, e.g. to '0 */5 * * * *' (deploy/azure/main.bicep does)");
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("IssuerSync custom handler listening on http://127.0.0.1:{Port} for {Count} issuer(s)", port, settings.Issuers.Count);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static int Port(string? value, List<string> problems)
    {
        if (string.IsNullOrEmpty(value))
        {
            problems.Add(
                $"{PortSetting} is not set: the Functions host sets it when it starts the handler; " +
                $"to run the handler by hand, set it to a free port (e.g. {PortSetting}=7072)");
            return 0;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            problems.Add($"{PortSetting} '{value}' is not a TCP port: give a number from 1 to 65535");
            return 0;
        }

        return port;
    }

    private static async Task<int> RefuseAsync(TextWriter stderr, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            await stderr.WriteLineAsync($"issuersync-functions: configuration error: {problem}").ConfigureAwait(false);
        }

        await stderr.WriteLineAsync(
            $"issuersync-functions: {problems.Count} configuration problem(s); the handler does not start. " +
            "Fix the app settings (docs/function-app.md lists them).").ConfigureAwait(false);
        return ConfigurationInvalid;
    }
}

using System.CommandLine;
using System.Net;
using IssuerSync.Publisher;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Publisher.Web;
using IssuerSync.Publisher.Web.Keys;
using IssuerSync.Publisher.Web.Scheduling;
using IssuerSync.Publisher.Web.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Cli.Commands;

/// <summary>
/// <c>issuersync serve</c>: the publisher without Azure Functions. The same routes as the function app on
/// Kestrel; an in-process timer on the same schedule reconciles every issuer in turn (the function app's
/// Reconcile timer and ReconcileIssuer queue). Checks <c>x-functions-key</c> itself.
/// </summary>
internal static class ServeCommand
{
    public const int DefaultPort = 7071;

    public sealed class Options
    {
        public required string Config { get; init; }

        public int Port { get; init; } = DefaultPort;

        /// <summary>Kestrel URLs (<c>http://0.0.0.0:8080;http://[::]:8080</c>); overrides <see cref="Port"/>.</summary>
        public string? Urls { get; init; }

        public TimeProvider Time { get; init; } = TimeProvider.System;
    }

    public static Command Create() => new ServeCommandDefinition();

    public static Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => CommandRunner.RunAsync(stderr, async () =>
        {
            var configFile = Path.GetFullPath(options.Config);
            if (!File.Exists(configFile))
            {
                await stderr.WriteLineAsync($"issuersync: error: --config {options.Config}: no such file; " +
                    "write the settings as JSON under \"IssuerSync\" (docs/function-app.md)").ConfigureAwait(false);
                return ExitCode.InvalidInput;
            }

            var problems = new List<string>();
            PublisherSettings? settings = null;
            IConfiguration configuration = new ConfigurationBuilder().Build();
            try
            {
                configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddPublisherFile(configFile).Build();
                settings = PublisherSettingsReader.Read(configuration);
            }
            catch (PublisherConfigurationException e)
            {
                problems.AddRange(e.Problems);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
            {
                problems.Add($"--config {options.Config}: {e.Message}");
            }

            var baseFolder = Path.GetDirectoryName(configFile)!;
            // Read from the configuration, not the settings, so that these problems are listed with the reader's.
            var operatorKey = Key(Optional(configuration["IssuerSync:OperatorKeyFile"]), "OperatorKeyFile", required: true, baseFolder, problems);
            var pushKey = Key(Optional(configuration["IssuerSync:PushKeyFile"]), "PushKeyFile", required: false, baseFolder, problems);
            ReconcileSchedule? schedule = null;
            try
            {
                schedule = ReconcileSchedule.Parse(Optional(configuration["IssuerSync:ReconcileSchedule"]) ?? PublisherSettings.DefaultReconcileSchedule);
            }
            catch (FormatException e)
            {
                problems.Add(e.Message);
            }

            if (problems.Count > 0 || settings is null || schedule is null)
            {
                return await RefuseAsync(stderr, configFile, problems).ConfigureAwait(false);
            }

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            if (options.Urls is { Length: > 0 } urls)
            {
                builder.WebHost.UseUrls(urls);
            }
            else
            {
                builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
            }

            builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
            builder.AddPublisherTelemetry();
            await using var app = builder.Build();
            var loggers = app.Services.GetRequiredService<ILoggerFactory>();
            PublisherApp publisher;
            try
            {
                publisher = PublisherApp.Create(settings, new PublisherDependencies { Time = options.Time, LoggerFactory = loggers });
            }
            catch (PublisherConfigurationException e)
            {
                return await RefuseAsync(stderr, configFile, e.Problems).ConfigureAwait(false);
            }

            app.MapPublisher(publisher, new PublisherEndpointOptions { TrustForwardedFor = false, PushKey = pushKey, OperatorKey = operatorKey }, loggers);
            using var timer = new ReconcileTimer(publisher.Reconcile, schedule, options.Time, loggers.CreateLogger<ReconcileTimer>())
            {
                Parallelism = settings.ReconcileParallelism,
            };
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await timer.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            await stdout.WriteLineAsync(
                $"issuersync serve: listening on {string.Join(", ", addresses)} for {settings.Issuers.Count} issuer(s); " +
                $"reconcile '{schedule.Text}' (UTC); agents {(pushKey is null ? "need no key" : "need the push key")}, " +
                "operators need the operator key").ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await timer.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await stdout.WriteLineAsync("issuersync serve: stopped").ConfigureAwait(false);
            return ExitCode.Success;
        });

    /// <summary>A key file's content (trimmed); relative paths are relative to the config file's folder.</summary>
    private static FunctionKeyCheck? Key(string? file, string setting, bool required, string baseFolder, List<string> problems)
    {
        if (file is null)
        {
            if (required)
            {
                problems.Add($"IssuerSync__{setting} is not set: serve protects the operator routes with a key; " +
                    $"write one to a file (openssl rand -hex 32 > operator.key) and name it in \"{setting}\"");
            }

            return null;
        }

        var path = Path.IsPathRooted(file) ? file : Path.Combine(baseFolder, file);
        string key;
        try
        {
            key = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"IssuerSync__{setting} = '{file}': cannot read it ({e.Message}); the file must hold the key on one line");
            return null;
        }

        if (key.Length < 16)
        {
            problems.Add($"IssuerSync__{setting} = '{file}': the key is {(key.Length == 0 ? "empty" : "shorter than 16 characters")}; " +
                "write a random one (openssl rand -hex 32)");
            return null;
        }

        return new FunctionKeyCheck(key);
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<ExitCode> RefuseAsync(TextWriter stderr, string configFile, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            await stderr.WriteLineAsync($"issuersync: error: {problem}").ConfigureAwait(false);
        }

        await stderr.WriteLineAsync($"issuersync: {problems.Count} problem(s) in {configFile} (or the IssuerSync__ environment variables); " +
            "serve did not start").ConfigureAwait(false);
        return ExitCode.InvalidInput;
    }
}

using System.CommandLine;
using LiftWing.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiftWing.Cli.Commands;

/// <summary><c>liftwing serve</c>: pulls missing artifacts and serves every model on HTTP.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var models = CommonOptions.ModelsDir();
        var only = CommonOptions.Only("Serve only these models (comma-separated or repeated).");
        var command = new Command("serve", "Pull missing model artifacts, then serve every model on HTTP (Lift Wing V1, V2, OpenAI, /metrics).")
        {
            models, only, ServeOptions.HostOption, ServeOptions.PortOption, ServeOptions.GrpcPortOption, ServeOptions.MaxBodyOption, ServeOptions.TimeoutOption, ServeOptions.MaxHeapOption,
            ServeOptions.OresUpstreamOption,
        };
        var cache = new CacheOptions();
        cache.AddTo(command);
        var gateway = new GatewayCliOptions();
        gateway.AddTo(command);
        var eventsOut = new EventsCliOptions();
        eventsOut.AddTo(command);
        var kserve = new KServe.KServeArguments();
        kserve.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            var options = new ServeOptions(
                parse.GetValue(models)!,
                parse.GetValue(only) ?? [],
                parse.GetValue(ServeOptions.HostOption),
                parse.GetValue(ServeOptions.PortOption),
                parse.GetValue(ServeOptions.GrpcPortOption),
                parse.GetValue(ServeOptions.MaxBodyOption),
                parse.GetValue(ServeOptions.TimeoutOption),
                parse.GetValue(ServeOptions.MaxHeapOption),
                cache.ToConfiguration(parse),
                parse.GetValue(ServeOptions.OresUpstreamOption));
            var ks = kserve.Translate(parse, Environment.GetEnvironmentVariable);
            if (ks.Error is not null || await KServe.KServeServeHook.ApplyAsync(ks, options, Console.Out, Console.Error).ConfigureAwait(false) is not { } applied)
            {
                if (ks.Error is not null)
                {
                    await Console.Error.WriteLineAsync(ks.Error).ConfigureAwait(false);
                }

                return 2;
            }

            options = applied;
            if (options.Validate() is [_, ..] problems)
            {
                await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, problems)).ConfigureAwait(false);
                return 2;
            }

            var settings = new LiftWingHostSettings
            {
                ConfigureServices = services =>
                {
                    services.AddLiftWingModels();
                    services.AddLiftWingPredictionCache();
                },
            };
            foreach (var (key, value) in options.ToConfiguration().Concat(eventsOut.ToConfiguration(parse, parse.GetValue(cache.Redis))))
            {
                settings.Configuration[key] = value;
            }

            if (gateway.Apply(parse, settings.Configuration) is { } gatewayError)
            {
                await Console.Error.WriteLineAsync(gatewayError).ConfigureAwait(false);
                return 2;
            }

            WebApplication? app = null;
            try
            {
                // Options bound while building (Kestrel, shutdown) or validated at start (ValidateOnStart) fail here.
                app = LiftWingHost.Build(settings);
                await app.StartAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
            {
                // Every invalid key at once (options are validated at start, ValidateOnStart), then exit 2.
                await Console.Error.WriteLineAsync("liftwing serve: invalid configuration: " + Describe(ex, parse)).ConfigureAwait(false);
                if (app is not null)
                {
                    await app.DisposeAsync().ConfigureAwait(false);
                }

                return 2;
            }

            await using var running = app;

            var server = app.Services.GetRequiredService<IOptions<LiftWingServerOptions>>().Value;
            await Console.Out.WriteLineAsync($"liftwing: serving models from {options.ModelsDir} on {server.Url} (models load in the background; GET /v2/health/ready says when done)").ConfigureAwait(false);
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    // Names the CLI option beside each key it set, e.g. "LiftWing:Server:Port (--port 70000): ...".
    private static string Describe(Exception ex, ParseResult parse)
    {
        IEnumerable<string> failures = ex is OptionsValidationException v ? v.Failures : [ex.Message];
        return string.Join(string.Empty, failures.Select(f => Environment.NewLine + "  " + DescribeOne(f, parse)));
    }

    private static string DescribeOne(string failure, ParseResult parse)
    {
        foreach (var (key, option) in ServeOptions.OptionOfKey)
        {
            if (failure.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase) && parse.GetResult(option) is { Implicit: false } r)
            {
                return $"{key} ({option.Name} {string.Join(' ', r.Tokens.Select(t => t.Value))}){failure[key.Length..]}";
            }
        }

        return failure;
    }
}

using System.CommandLine;
using LiftWing.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LiftWing.Cli.Commands;

/// <summary><c>liftwing serve</c>: pulls missing artifacts and serves every model on HTTP.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "The address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "The port to listen on.", DefaultValueFactory = _ => 8080 };
        var models = CommonOptions.Models();
        var only = CommonOptions.Only();
        var maxBody = new Option<long?>("--max-body-bytes") { Description = "The largest request body in bytes (default 10 MiB)." };
        var timeout = new Option<double?>("--request-timeout") { Description = "Per-request timeout in seconds (default 30)." };
        var command = new Command("serve", "Pull missing model artifacts, then serve every model on HTTP (Lift Wing V1, V2, /metrics).")
        {
            host, port, models, only, maxBody, timeout,
        };
        var cache = new CacheOptions();
        cache.AddTo(command);
        var kserve = new KServe.KServeArguments();
        kserve.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            var h = parse.GetValue(host)!;
            var p = parse.GetValue(port);
            var ks = kserve.Translate(parse, Environment.GetEnvironmentVariable);
            if (ks.Error is not null)
            {
                await Console.Error.WriteLineAsync(ks.Error).ConfigureAwait(false);
                return 2;
            }

            (h, p) = (ks.BindAllInterfaces && parse.GetResult(host) is null or { Implicit: true } ? "0.0.0.0" : h, ks.Port ?? p);
            if (p is < 0 or > 65535)
            {
                await Console.Error.WriteLineAsync($"--port {p} is not a TCP port.").ConfigureAwait(false);
                return 2;
            }

            var settings = new LiftWingHostSettings
            {
                Urls = $"http://{(h.Contains(':', StringComparison.Ordinal) ? $"[{h}]" : h)}:{p}",
                ModelsDirectory = parse.GetValue(models)!,
            };
            foreach (var m in parse.GetValue(only) ?? [])
            {
                settings.Only.Add(m);
            }

            if (!await KServe.KServeServeHook.ApplyAsync(ks, settings, Console.Out, Console.Error).ConfigureAwait(false))
            {
                return 2;
            }

            if (parse.GetValue(maxBody) is { } mb)
            {
                settings.Configuration["LiftWing:Server:MaxRequestBodyBytes"] = mb.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            settings.ConfigureServices = services =>
            {
                services.AddLiftWingModels();
                services.AddLiftWingPredictionCache(cache.Configure(parse));
                if (parse.GetValue(timeout) is { } t)
                {
                    services.Configure<LiftWing.Core.Inference.InferenceOptions>(o => o.RequestTimeout = TimeSpan.FromSeconds(t));
                }
            };
            if (!Directory.Exists(settings.ModelsDirectory))
            {
                await Console.Error.WriteLineAsync($"Models folder {settings.ModelsDirectory} does not exist (use --models).").ConfigureAwait(false);
                return 2;
            }

            await using var app = LiftWingHost.Build(settings);
            await Console.Out.WriteLineAsync($"liftwing: serving models from {settings.ModelsDirectory} on {settings.Urls} (models load in the background; GET /v2/health/ready says when done)").ConfigureAwait(false);
            await app.StartAsync(ct).ConfigureAwait(false);
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}

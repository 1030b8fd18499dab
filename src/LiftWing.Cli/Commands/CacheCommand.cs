using System.CommandLine;
using System.Globalization;
using LiftWing.Core.Caching;
using LiftWing.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Cli.Commands;

/// <summary><c>liftwing cache stats</c> and <c>liftwing cache purge --model NAME [--version V]</c> on the L2 store.</summary>
internal static class CacheCommand
{
    public static Command Create() => new("cache", "Inspect or purge the prediction store (SQLite or Redis).") { Stats(), Purge() };

    private static Command Stats()
    {
        var cache = new CacheOptions();
        var command = new Command("stats", "Entries and bytes per model and version in the store.");
        cache.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (await VerbOptions.RejectAsync(Read(cache, parse)).ConfigureAwait(false) is { } bad)
            {
                return bad;
            }

            await using var store = OpenStore(cache, parse);
            if (store is null)
            {
                // The record checked --cache; LIFTWING__CACHE__STORE can still name memory or none.
                await Console.Error.WriteLineAsync("--cache must be sqlite or redis.").ConfigureAwait(false);
                return VerbOptions.BadOptionsExitCode;
            }

            var stats = await store.GetStatsAsync(ct).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"store: {store.Name}").ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"{"model",-32} {"version",-10} {"entries",10} {"bytes",14}").ConfigureAwait(false);
            foreach (var s in stats)
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{s.Model,-32} {s.Version,-10} {s.Entries,10} {s.Bytes,14}")).ConfigureAwait(false);
            }

            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{"total",-32} {"",-10} {stats.Sum(s => s.Entries),10} {stats.Sum(s => s.Bytes),14}")).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Purge()
    {
        var cache = new CacheOptions();
        var model = new Option<string>("--model") { Description = "The model whose entries go.", Required = true };
        var version = new Option<string?>("--version") { Description = "Only this model version." };
        var command = new Command("purge", "Delete a model's entries (of one version with --version) from the store.") { model, version };
        cache.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = Read(cache, parse) with { Model = parse.GetValue(model), Version = parse.GetValue(version) };
            if (await VerbOptions.RejectAsync(options).ConfigureAwait(false) is { } bad)
            {
                return bad;
            }

            await using var store = OpenStore(cache, parse);
            if (store is null)
            {
                // The record checked --cache; LIFTWING__CACHE__STORE can still name memory or none.
                await Console.Error.WriteLineAsync("--cache must be sqlite or redis.").ConfigureAwait(false);
                return VerbOptions.BadOptionsExitCode;
            }

            var n = await store.PurgeAsync(options.Model!, options.Version, ct).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"purged {n} entries from {store.Name}")).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static CacheVerbOptions Read(CacheOptions cache, ParseResult parse) =>
        new(parse.GetValue(cache.Store), parse.GetValue(cache.Redis), parse.GetValue(cache.Path), parse.GetValue(cache.MemoryMiB));

    private static IPredictionStore? OpenStore(CacheOptions cache, ParseResult parse)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(LiftWingConfiguration.Build(cache.ToConfiguration(parse)));
        services.AddLiftWingPredictionCache();

        // The provider owns nothing else worth disposing; the store is disposed by the caller.
        return services.BuildServiceProvider().ResolvePredictionStore();
    }
}

using System.CommandLine;
using System.Diagnostics;
using LiftWing.Core.Caching;
using LiftWing.Core.Caching.Precache;
using LiftWing.Core.Inference;
using LiftWing.Core.Repository;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Cli.Commands;

/// <summary>
/// <c>liftwing precache --events FILE|-|URL --models a,b</c>: computes each model's prediction for the
/// revision of every page_change event and writes it to the prediction store.
/// </summary>
internal static class PrecacheCommand
{
    public static Command Create()
    {
        var events = new Option<string>("--events") { Description = "page_change events: a file, - for stdin, or an http(s) URL (SSE, resumed with Last-Event-ID).", Required = true };
        var modelsOption = CommonOptions.Only("The models to pre-compute (comma-separated or repeated).");
        modelsOption.Required = true;
        var dir = CommonOptions.ModelsDir();
        var concurrency = new Option<int>("--concurrency") { Description = "Parallel workers (default 4).", DefaultValueFactory = _ => 4 };
        var eventMode = new Option<bool>("--event-requests") { Description = "Send {\"event\": ...} (as changeprop does) instead of {\"rev_id\", \"lang\"}." };
        var maxEvents = new Option<long?>("--max-events") { Description = "Stop after this many events (an SSE stream is endless otherwise)." };
        var lastId = new Option<string?>("--last-event-id") { Description = "Resume an SSE stream after this event id." };
        var cache = new CacheOptions();
        var command = new Command("precache", "Fill the prediction store from mediawiki.page_change.v1 events (JSON lines or SSE).")
        {
            events, modelsOption, dir, concurrency, eventMode, maxEvents, lastId,
        };
        cache.AddTo(command);
        var eventsOut = new EventsCliOptions();
        eventsOut.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = new PrecacheOptions(
                new ModelSelection(parse.GetValue(dir)!, parse.GetValue(modelsOption) ?? []),
                parse.GetValue(events)!,
                parse.GetValue(concurrency),
                parse.GetValue(maxEvents),
                parse.GetValue(cache.Store));
            if (await VerbOptions.RejectAsync(options).ConfigureAwait(false) is { } bad)
            {
                return bad;
            }

            var cacheKeys = cache.ToConfiguration(parse);
            var wanted = options.Models.Only;
            await using var sp = InProcessServices.Build(options.Models.ToConfiguration().Concat(cacheKeys).Concat(eventsOut.ToConfiguration(parse, parse.GetValue(cache.Redis))), cache: true);
            var (models, error) = await InProcessServices.LoadReadyModelsAsync(sp, wanted, ct).ConfigureAwait(false);
            if (error is not null)
            {
                await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
                return 2;
            }

            var delivery = await InProcessServices.StartEventsAsync(sp, ct).ConfigureAwait(false);

            var source = parse.GetValue(events)!;
            using var http = InProcessServices.EventStreamHttp(sp);
            TextReader? reader = null;
            IAsyncEnumerable<StreamEvent> stream;
            if (Uri.TryCreate(source, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                stream = EventStreamReader.ReadUrlAsync(http, url, parse.GetValue(lastId), TimeSpan.FromSeconds(1), m => Console.Error.WriteLine($"precache: reconnecting ({m})"), ct);
            }
            else if (source == "-")
            {
                stream = EventStreamReader.ReadAsync(Console.In, ct);
            }
            else if (File.Exists(source))
            {
                reader = new StreamReader(source);
                stream = EventStreamReader.ReadAsync(reader, ct);
            }
            else
            {
                await Console.Error.WriteLineAsync($"--events {source}: no such file.").ConfigureAwait(false);
                return 2;
            }

            using (reader)
            {
                var precacher = new Precacher(sp.GetRequiredService<InferenceService>(), sp.GetRequiredService<PredictionCache>());
                var start = Stopwatch.GetTimestamp();
                PrecacheSummary summary;
                try
                {
                    summary = await precacher.RunAsync(stream, models, parse.GetValue(concurrency), parse.GetValue(eventMode), parse.GetValue(maxEvents),
                        s => Console.Error.Write($"\rprecache: {s.Format(Stopwatch.GetElapsedTime(start))}   "), ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    await Console.Error.WriteLineAsync("\nprecache: interrupted").ConfigureAwait(false);
                    return 130;
                }

                if (delivery is not null)
                {
                    await delivery.StopAsync(CancellationToken.None).ConfigureAwait(false);
                }

                await Console.Out.WriteLineAsync($"precache: {summary.Format(Stopwatch.GetElapsedTime(start))}{(summary.LastEventId is null ? "" : $"; last event id {summary.LastEventId}")}").ConfigureAwait(false);
                return summary.Failed > 0 ? 1 : 0;
            }
        });
        return command;
    }
}

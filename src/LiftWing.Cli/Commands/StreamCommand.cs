using System.CommandLine;
using System.Diagnostics;
using LiftWing.Core.Caching;
using LiftWing.Core.Caching.Precache;
using LiftWing.Core.Events;
using LiftWing.Core.Inference;
using LiftWing.Core.Repository;
using LiftWing.Server.Events.Changeprop;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace LiftWing.Cli.Commands;

/// <summary>
/// <c>liftwing stream --redis HOST:PORT --only a,b [--events SRC]</c>: the changeprop role. Workers share a Redis
/// stream of page_change events through a consumer group; each event is matched per model, predicted (cached)
/// and emitted to EventGate (<c>--eventgate</c>). <c>--events</c> also feeds the stream from a file, stdin or an
/// SSE URL (run one feeder).
/// </summary>
internal static class StreamCommand
{
    public static Command Create()
    {
        var modelsOption = CommonOptions.Only("The models to run (comma-separated or repeated).");
        modelsOption.Required = true;
        var dir = CommonOptions.ModelsDir();
        var events = new Option<string?>("--events") { Description = "Also feed the stream from page_change events: a file, - for stdin, or an http(s) SSE URL." };
        var streamKey = new Option<string>("--stream-key") { Description = "The Redis stream (default lw:page_change).", DefaultValueFactory = _ => "lw:page_change" };
        var group = new Option<string>("--group") { Description = "The consumer group (default liftwing).", DefaultValueFactory = _ => "liftwing" };
        var consumer = new Option<string?>("--consumer") { Description = "This worker's name in the group (default host-pid)." };
        var concurrency = new Option<int>("--concurrency") { Description = "Entries processed at once (default 4).", DefaultValueFactory = _ => 4 };
        var claimIdle = new Option<double>("--claim-idle") { Description = "Seconds an entry may stay pending with a worker before another takes it over (default 60).", DefaultValueFactory = _ => 60 };
        var computeClaim = new Option<double>("--compute-claim") { Description = "Seconds a worker owns a prediction it computes (default 60).", DefaultValueFactory = _ => 60 };
        var drained = new Option<bool>("--until-drained") { Description = "Exit when nothing is left to read or pending in the group." };
        var logItems = new Option<bool>("--log-items") { Description = "Print one line per event and model: entry id, model, cache key, outcome." };
        var cache = new CacheOptions();
        var eventsOut = new EventsCliOptions();
        var command = new Command("stream", "The changeprop role: score page_change events from a Redis stream shared by workers, cache and emit prediction events.")
        {
            modelsOption, dir, events, streamKey, group, consumer, concurrency, claimIdle, computeClaim, drained, logItems,
        };
        cache.AddTo(command);
        eventsOut.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var verb = new StreamVerbOptions(
                new ModelSelection(parse.GetValue(dir)!, parse.GetValue(modelsOption) ?? []),
                parse.GetValue(concurrency),
                parse.GetValue(claimIdle),
                parse.GetValue(computeClaim));
            if (await VerbOptions.RejectAsync(verb).ConfigureAwait(false) is { } bad)
            {
                return bad;
            }

            var redis = parse.GetValue(cache.Redis) ?? "127.0.0.1:6379";
            var options = new PageChangeStreamOptions
            {
                Redis = redis,
                StreamKey = parse.GetValue(streamKey)!,
                Group = parse.GetValue(group)!,
                Consumer = parse.GetValue(consumer) ?? $"{Environment.MachineName}-{Environment.ProcessId}",
                Concurrency = parse.GetValue(concurrency),
                ClaimIdle = TimeSpan.FromSeconds(parse.GetValue(claimIdle)),
                ComputeClaimTtl = TimeSpan.FromSeconds(parse.GetValue(computeClaim)),
                StopWhenDrained = parse.GetValue(drained),
            };
            var wanted = verb.Models.Only;
            var keys = verb.Models.ToConfiguration()
                .Concat(cache.ToConfiguration(parse))
                .Concat(eventsOut.ToConfiguration(parse, redis, OutboxKind.Redis));
            await using var sp = InProcessServices.Build(keys, cache: true);
            var (models, error) = await InProcessServices.LoadReadyModelsAsync(sp, wanted, ct).ConfigureAwait(false);
            if (error is not null)
            {
                await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
                return 2;
            }

            var eventsOptions = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EventsOptions>>().Value;
            var delivery = await InProcessServices.StartEventsAsync(sp, ct).ConfigureAwait(false);
            await using var connection = await ConnectionMultiplexer.ConnectAsync(redis).ConfigureAwait(false);
            var worker = new PageChangeStreamWorker(connection, sp.GetRequiredService<InferenceService>(), eventsOptions, options);
            var counts = new System.Collections.Concurrent.ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var verbose = parse.GetValue(logItems);
            var start = Stopwatch.GetTimestamp();
            try
            {
                Task feeding = Task.CompletedTask;
                if (parse.GetValue(events) is { } source)
                {
                    var isUrl = Uri.TryCreate(source, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";
                    feeding = FeedAsync(connection.GetDatabase(), options, source, isUrl ? url : null, InProcessServices.EventStreamHttp(sp), ct);
                    if (!isUrl)
                    {
                        await feeding.ConfigureAwait(false); // a finite source is in the stream before the workers look at it
                    }
                }

                await worker.RunAsync(models, r =>
                {
                    counts.AddOrUpdate(r.Outcome.Split(':')[0], 1, (_, n) => n + 1);
                    if (verbose)
                    {
                        Console.Out.WriteLine($"item {r.EntryId} {r.Model} {r.Key ?? "-"} {r.Outcome}");
                    }
                }, ct).ConfigureAwait(false);
                await feeding.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("stream: interrupted").ConfigureAwait(false);
            }
            finally
            {
                if (delivery is not null)
                {
                    await delivery.StopAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            var summary = string.Join(", ", counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Value} {kv.Key}"));
            await Console.Out.WriteLineAsync($"stream: {(summary.Length == 0 ? "nothing" : summary)}; {worker.Claimed} claimed from idle workers; in {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s").ConfigureAwait(false);
            return ct.IsCancellationRequested ? 130 : 0;
        });
        return command;
    }

    private static async Task FeedAsync(IDatabase db, PageChangeStreamOptions options, string source, Uri? url, HttpClient http, CancellationToken ct)
    {
        TextReader? reader = null;
        IAsyncEnumerable<StreamEvent> stream;
        var lastIdKey = options.StreamKey + ":last_event_id";
        if (url is not null)
        {
            var last = await db.StringGetAsync(lastIdKey).ConfigureAwait(false);
            stream = EventStreamReader.ReadUrlAsync(http, url, last.IsNull ? null : last.ToString(), TimeSpan.FromSeconds(1), m => Console.Error.WriteLine($"stream: reconnecting ({m})"), ct);
        }
        else
        {
            reader = source == "-" ? Console.In : new StreamReader(source);
            stream = EventStreamReader.ReadAsync(reader, ct);
        }

        using (reader)
        {
            await foreach (var e in stream.WithCancellation(ct).ConfigureAwait(false))
            {
                await PageChangeStreamWorker.FeedAsync(db, options, e.Data).ConfigureAwait(false);
                if (e.Id is not null)
                {
                    await db.StringSetAsync(lastIdKey, e.Id).ConfigureAwait(false);
                }
            }
        }
    }
}

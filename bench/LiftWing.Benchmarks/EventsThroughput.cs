using System.Diagnostics;
using LiftWing.Core.Events;
using LiftWing.Core.Inference;
using LiftWing.Core.Telemetry;
using LiftWing.Server.Events;

namespace LiftWing.Benchmarks;

/// <summary>
/// <c>-- events-throughput [events] [redis host:port]</c>: events per second from the request hook through the
/// outbox to a 201 EventGate on loopback (batches of 100), for the SQLite outbox and, when given, a Redis one;
/// the clock runs from the first emit until the outbox is empty. Each run is repeated, alternating outboxes.
/// </summary>
internal static class EventsThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        var redis = args.Length > 1 ? args[1] : null;
        await using var bench = await EventsBench.StartAsync();
        var bodies = Enumerable.Range(0, count).Select(EventsBench.EventBody).ToArray();
        var response = await bench.Inference(null).InferAsync(new InferenceRequest { ModelName = "rr", Body = bodies[0] }, CancellationToken.None);
        bench.Repository.TryGet("rr", out var model);
        Console.WriteLine($"events-throughput: {count} events per run, batch 100, EventGate 201 on loopback");
        await EmitCpuAsync(bench, bodies, response, model!);
        for (var round = 1; round <= 2; round++)
        {
            foreach (var kind in redis is null ? [OutboxKind.Sqlite] : new[] { OutboxKind.Sqlite, OutboxKind.Redis })
            {
                var options = bench.Options(kind, redis ?? "");
                var emitter = PredictionEventEmitter.Create(options, new LiftWingMetrics());
                IEventOutbox outbox = kind == OutboxKind.Redis ? RedisEventOutbox.Connect(redis!, options.RedisPrefix) : new SqliteEventOutbox(bench.OutboxPath + round, TimeProvider.System);
                await using var delivery = new EventDelivery(emitter, outbox, EventsBench.Http);
                await delivery.StartAsync(CancellationToken.None);
                var posts = bench.Gate.Requests.Count;
                var start = Stopwatch.GetTimestamp();
                foreach (var body in bodies)
                {
                    emitter.OnResponse(model!, new InferenceRequest { ModelName = "rr", Body = body }, response);
                }

                var emitted = Stopwatch.GetElapsedTime(start);
                var done = await delivery.WaitUntilDeliveredAsync(TimeSpan.FromMinutes(5), CancellationToken.None);
                var elapsed = Stopwatch.GetElapsedTime(start);
                await delivery.StopAsync(CancellationToken.None);
                Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"round {round} {kind,-6}: {(done ? "delivered" : "NOT delivered")} in {elapsed.TotalSeconds:0.00} s = {count / elapsed.TotalSeconds:0} events/s ({bench.Gate.Requests.Count - posts} POSTs; emitting alone {emitted.TotalMilliseconds / count * 1000:0.0} µs/event)"));
            }
        }

        return 0;
    }

    // The request-side cost alone, as CPU time of this process (no delivery running), which a loaded machine
    // inflates much less than wall time: the hook's work per event when the CPU is not shared.
    private static Task EmitCpuAsync(EventsBench bench, System.Text.Json.JsonElement[] bodies, InferenceResponse response, Core.Models.IModel model)
    {
        var options = bench.Options();
        options.QueueCapacity = bodies.Length * 2 + 16;
        for (var round = 1; round <= 3; round++)
        {
            var emitter = PredictionEventEmitter.Create(options, new LiftWingMetrics());
            var requests = bodies.Select(b => new InferenceRequest { ModelName = "rr", Body = b }).ToArray();
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            foreach (var r in requests)
            {
                emitter.OnResponse(model, r, response);
            }

            var wall = Stopwatch.GetElapsedTime(start);
            process.Refresh();
            var used = process.TotalProcessorTime - cpu;
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"emit round {round}: {used.TotalMilliseconds * 1000 / bodies.Length:0.0} µs CPU per event ({wall.TotalMilliseconds * 1000 / bodies.Length:0.0} µs wall), {emitter.Reader.Count} queued"));
        }

        return Task.CompletedTask;
    }
}

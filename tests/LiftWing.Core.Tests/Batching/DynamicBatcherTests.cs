using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LiftWing.Core.Batching;
using LiftWing.Core.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace LiftWing.Core.Tests.Batching;

public sealed class DynamicBatcherTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>A processor that records its batches and answers item × 10, optionally held until released.</summary>
    private sealed class RecordingProcessor
    {
        public ConcurrentQueue<int[]> Batches { get; } = new();

        public TaskCompletionSource Gate { get; set; } = CompletedGate();

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<IReadOnlyList<int>> ProcessAsync(IReadOnlyList<int> items, CancellationToken ct)
        {
            Batches.Enqueue(items.ToArray());
            Entered.TrySetResult();
            await Gate.Task.WaitAsync(ct);
            return items.Select(i => i * 10).ToArray();
        }

        private static TaskCompletionSource CompletedGate()
        {
            var g = new TaskCompletionSource();
            g.SetResult();
            return g;
        }
    }

    [Fact]
    public async Task EnqueueAsync_ConcurrentItems_MergedUpToMaxBatchSizeAndSplitBack()
    {
        var p = new RecordingProcessor { Gate = new TaskCompletionSource() };
        await using var batcher = new DynamicBatcher<int, int>(p.ProcessAsync, new DynamicBatcherOptions { MaxBatchSize = 4, MaxQueueDelay = TimeSpan.FromSeconds(5) });

        // The first batch is held, so the 9 items queued behind it form full batches of 4, 4 and then 1.
        var first = batcher.EnqueueAsync(0);
        await p.Entered.Task.WaitAsync(Wait);
        var rest = Enumerable.Range(1, 9).Select(i => batcher.EnqueueAsync(i)).ToArray();
        p.Gate.SetResult();

        Assert.Equal(0, await first.WaitAsync(Wait));
        var results = await Task.WhenAll(rest).WaitAsync(Wait);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => i * 10), results);
        Assert.Equal([1, 4, 4, 1], p.Batches.Select(b => b.Length));
    }

    [Fact]
    public async Task EnqueueAsync_LoneItem_WaitsForMaxQueueDelayThenRuns()
    {
        var time = new FakeTimeProvider();
        var p = new RecordingProcessor();
        await using var batcher = new DynamicBatcher<int, int>(p.ProcessAsync, new DynamicBatcherOptions { MaxBatchSize = 8, MaxQueueDelay = TimeSpan.FromMilliseconds(5) }, timeProvider: time);

        var task = batcher.EnqueueAsync(7);
        await Task.Delay(100);
        Assert.False(task.IsCompleted, "the batch must wait for more items until the delay passes");

        time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(70, await task.WaitAsync(Wait));
        Assert.Equal([7], Assert.Single(p.Batches));
    }

    [Fact]
    public async Task EnqueueAsync_ItemsWithinDelay_ShareOneBatch()
    {
        var time = new FakeTimeProvider();
        var p = new RecordingProcessor();
        await using var batcher = new DynamicBatcher<int, int>(p.ProcessAsync, new DynamicBatcherOptions { MaxBatchSize = 8, MaxQueueDelay = TimeSpan.FromMilliseconds(5) }, timeProvider: time);

        var a = batcher.EnqueueAsync(1);
        await Task.Delay(50);
        time.Advance(TimeSpan.FromMilliseconds(3));
        var b = batcher.EnqueueAsync(2);
        await Task.Delay(50);
        Assert.False(a.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(2));

        Assert.Equal(new[] { 10, 20 }, await Task.WhenAll(a, b).WaitAsync(Wait));
        Assert.Equal([1, 2], Assert.Single(p.Batches));
    }

    [Fact]
    public async Task EnqueueAsync_OneCallerCancelsWhileQueued_OthersStillGetResultsAndItIsNotComputed()
    {
        var p = new RecordingProcessor { Gate = new TaskCompletionSource() };
        await using var batcher = new DynamicBatcher<int, int>(p.ProcessAsync, new DynamicBatcherOptions { MaxBatchSize = 8, MaxQueueDelay = TimeSpan.Zero });
        var first = batcher.EnqueueAsync(1);
        await p.Entered.Task.WaitAsync(Wait);

        using var cts = new CancellationTokenSource();
        var cancelled = batcher.EnqueueAsync(2, cts.Token);
        var kept = batcher.EnqueueAsync(3);
        await cts.CancelAsync();
        p.Gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Wait));
        Assert.Equal(10, await first.WaitAsync(Wait));
        Assert.Equal(30, await kept.WaitAsync(Wait));
        Assert.Equal(new[] { new[] { 1 }, new[] { 3 } }, p.Batches.ToArray());
    }

    [Fact]
    public async Task EnqueueAsync_OneCallerCancelsDuringItsBatch_OthersInTheSameBatchComplete()
    {
        var p = new RecordingProcessor { Gate = new TaskCompletionSource() };
        await using var batcher = new DynamicBatcher<int, int>(p.ProcessAsync, new DynamicBatcherOptions { MaxBatchSize = 2, MaxQueueDelay = TimeSpan.FromSeconds(5) });
        using var cts = new CancellationTokenSource();
        var cancelled = batcher.EnqueueAsync(1, cts.Token);
        var kept = batcher.EnqueueAsync(2);
        await p.Entered.Task.WaitAsync(Wait);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Wait));
        Assert.False(kept.IsCompleted);
        p.Gate.SetResult();

        Assert.Equal(20, await kept.WaitAsync(Wait));
        Assert.Equal([1, 2], Assert.Single(p.Batches));
    }

    [Fact]
    public async Task EnqueueAsync_ProcessorThrows_FailsThatBatchOnlyAndKeepsServing()
    {
        var calls = 0;
        await using var batcher = new DynamicBatcher<int, int>(
            (items, _) => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("boom") : ValueTask.FromResult<IReadOnlyList<int>>(items.ToArray()),
            new DynamicBatcherOptions { MaxBatchSize = 4, MaxQueueDelay = TimeSpan.Zero });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.EnqueueAsync(1).WaitAsync(Wait));
        Assert.Equal("boom", ex.Message);
        Assert.Equal(5, await batcher.EnqueueAsync(5).WaitAsync(Wait));
    }

    [Fact]
    public async Task EnqueueAsync_ProcessorReturnsWrongCount_FailsClearly()
    {
        await using var batcher = new DynamicBatcher<int, int>(
            (_, _) => ValueTask.FromResult<IReadOnlyList<int>>([]),
            new DynamicBatcherOptions { MaxBatchSize = 4, MaxQueueDelay = TimeSpan.Zero });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.EnqueueAsync(1).WaitAsync(Wait));
        Assert.Contains("0 results for 1 items", ex.Message);
    }

    [Fact]
    public async Task EnqueueAsync_RecordsBatchSizeAndQueueTime()
    {
        using var metrics = new LiftWingMetrics();
        var sizes = new ConcurrentBag<(int Size, string? Model)>();
        var waits = new ConcurrentBag<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter && instrument.Name.StartsWith("liftwing_batch_", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => sizes.Add((v, tags.ToArray().FirstOrDefault(t => t.Key == "model_name").Value as string)));
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => waits.Add(v));
        listener.Start();
        var p = new RecordingProcessor { Gate = new TaskCompletionSource() };
        await using var batcher = new DynamicBatcher<int, int>(p.ProcessAsync, new DynamicBatcherOptions { MaxBatchSize = 3, MaxQueueDelay = TimeSpan.FromSeconds(5), Name = "m1" }, metrics);

        var all = Enumerable.Range(0, 3).Select(i => batcher.EnqueueAsync(i)).ToArray();
        p.Gate.SetResult();
        await Task.WhenAll(all).WaitAsync(Wait);

        Assert.Equal((3, "m1"), Assert.Single(sizes));
        Assert.Equal(3, waits.Count);
        Assert.All(waits, w => Assert.InRange(w, 0, 5));
    }

    [Fact]
    public async Task DisposeAsync_FailsQueuedItemsAndRefusesNewOnes()
    {
        var p = new RecordingProcessor { Gate = new TaskCompletionSource() };
        var batcher = new DynamicBatcher<int, int>(p.ProcessAsync, new DynamicBatcherOptions { MaxBatchSize = 1, MaxQueueDelay = TimeSpan.Zero });
        var running = batcher.EnqueueAsync(1);
        await p.Entered.Task.WaitAsync(Wait);
        var queued = batcher.EnqueueAsync(2);

        await batcher.DisposeAsync().AsTask().WaitAsync(Wait);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => running.WaitAsync(Wait));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued.WaitAsync(Wait));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => batcher.EnqueueAsync(3));
    }
}

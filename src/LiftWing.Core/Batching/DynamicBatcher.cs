using System.Threading.Channels;
using LiftWing.Core.Telemetry;

namespace LiftWing.Core.Batching;

/// <summary>
/// Merges items from concurrent requests into one call (Triton's dynamic batcher, KServe's batcher sidecar,
/// but in process): a batch is sent when it reaches <see cref="DynamicBatcherOptions.MaxBatchSize"/> items or
/// when its oldest item has waited <see cref="DynamicBatcherOptions.MaxQueueDelay"/>. Batches run one at a
/// time, so items that arrive while a batch runs form the next, larger one. Each caller gets its own item's
/// result; a caller that cancels only drops its own item.
/// </summary>
/// <typeparam name="TItem">One unit of work (e.g. one tokenized sentence).</typeparam>
/// <typeparam name="TResult">Its result.</typeparam>
public sealed class DynamicBatcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly BatchProcessor<TItem, TResult> _process;
    private readonly int _maxBatchSize;
    private readonly TimeSpan _maxDelay;
    private readonly TimeProvider _time;
    private readonly DynamicBatcherMetrics? _metrics;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Creates the batcher and starts its loop.</summary>
    public DynamicBatcher(BatchProcessor<TItem, TResult> process, DynamicBatcherOptions options, LiftWingMetrics? metrics = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxQueueDelay, TimeSpan.Zero);
        _process = process;
        _maxBatchSize = options.MaxBatchSize;
        _maxDelay = options.MaxQueueDelay;
        _time = timeProvider ?? TimeProvider.System;
        _metrics = metrics is null ? null : DynamicBatcherMetrics.For(metrics);
        _tag = new KeyValuePair<string, object?>(LiftWingMetrics.ModelNameTag, options.Name);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The most items per call.</summary>
    public int MaxBatchSize => _maxBatchSize;

    /// <summary>Queues one item and waits for its result.</summary>
    public Task<TResult> EnqueueAsync(TItem item, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(cancellationToken);
        }

        var pending = new Pending(item, _time.GetTimestamp());
        if (cancellationToken.CanBeCanceled)
        {
            pending.Registration = cancellationToken.Register(static (state, token) => ((Pending)state!).Cancel(token), pending);
        }

        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Registration.Dispose();
            return Task.FromException<TResult>(new ObjectDisposedException(nameof(DynamicBatcher<TItem, TResult>)));
        }

        return pending.Completion.Task;
    }

    /// <summary>Queues several items (they may land in different batches) and waits for all their results, in order.</summary>
    public async Task<TResult[]> EnqueueManyAsync(IReadOnlyList<TItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var tasks = new Task<TResult>[items.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = EnqueueAsync(items[i], cancellationToken);
        }

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>Stops taking items, fails those still queued, and waits for the running batch.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_queue.Writer.TryComplete())
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        while (_queue.Reader.TryRead(out var left))
        {
            left.Completion.TrySetException(new ObjectDisposedException(nameof(DynamicBatcher<TItem, TResult>)));
            left.Registration.Dispose();
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(_maxBatchSize);
        var items = new List<TItem>(_maxBatchSize);
        while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
        {
            batch.Clear();
            if (!TryTake(reader, batch))
            {
                continue;
            }

            // The oldest item sets the deadline; after a long batch it has usually passed, so what queued meanwhile goes at once.
            var deadline = batch[0].EnqueuedAt + (long)(_maxDelay.TotalSeconds * _time.TimestampFrequency);
            while (batch.Count < _maxBatchSize)
            {
                if (TryTake(reader, batch))
                {
                    continue;
                }

                var remaining = deadline - _time.GetTimestamp();
                if (remaining <= 0)
                {
                    break;
                }

                var more = reader.WaitToReadAsync(_stop.Token).AsTask();
                var delay = Task.Delay(TimeSpan.FromSeconds((double)remaining / _time.TimestampFrequency), _time, _stop.Token);
                if (await Task.WhenAny(more, delay).ConfigureAwait(false) != more || !await more.ConfigureAwait(false))
                {
                    break;
                }
            }

            await RunBatchAsync(batch, items).ConfigureAwait(false);
        }
    }

    /// <summary>Moves one queued item into the batch, skipping items whose caller has already cancelled.</summary>
    private static bool TryTake(ChannelReader<Pending> reader, List<Pending> batch)
    {
        while (reader.TryRead(out var p))
        {
            if (p.Completion.Task.IsCompleted)
            {
                p.Registration.Dispose();
                continue;
            }

            batch.Add(p);
            return true;
        }

        return false;
    }

    private async Task RunBatchAsync(List<Pending> batch, List<TItem> items)
    {
        var started = _time.GetTimestamp();
        items.Clear();
        var live = new List<Pending>(batch.Count);
        foreach (var p in batch)
        {
            // Cancelled while the batch was forming: leave it out rather than compute a result nobody reads.
            if (!p.Completion.Task.IsCompleted)
            {
                live.Add(p);
                items.Add(p.Item);
                _metrics?.QueueTime.Record(_time.GetElapsedTime(p.EnqueuedAt, started).TotalSeconds, _tag);
            }
        }

        if (live.Count == 0)
        {
            return;
        }

        _metrics?.BatchSize.Record(live.Count, _tag);
        // The batch is stopped when every caller in it has gone (or at shutdown): no CPU for results nobody reads.
        using var running = new RunningBatch(live.Count, _stop.Token);
        foreach (var p in live)
        {
            p.Batch = running;
        }

        try
        {
            var results = await _process(items, running.Token).ConfigureAwait(false);
            if (results.Count != live.Count)
            {
                throw new InvalidOperationException($"the batch processor returned {results.Count} results for {live.Count} items.");
            }

            for (var i = 0; i < live.Count; i++)
            {
                live[i].Completion.TrySetResult(results[i]);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            foreach (var p in live)
            {
                p.Completion.TrySetException(new ObjectDisposedException(nameof(DynamicBatcher<TItem, TResult>)));
            }
        }
        catch (Exception ex)
        {
            foreach (var p in live)
            {
                p.Completion.TrySetException(ex);
            }
        }
        finally
        {
            foreach (var p in live)
            {
                p.Registration.Dispose();
            }
        }
    }

    private sealed class Pending(TItem item, long enqueuedAt)
    {
        public TItem Item { get; } = item;

        public long EnqueuedAt { get; } = enqueuedAt;

        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        /// <summary>The batch computing this item, once it runs.</summary>
        public volatile RunningBatch? Batch;

        public void Cancel(CancellationToken token)
        {
            if (Completion.TrySetCanceled(token))
            {
                Batch?.Leave();
            }
        }
    }

    /// <summary>A running batch's token: cancelled at shutdown or when the last of its callers has cancelled.</summary>
    private sealed class RunningBatch(int callers, CancellationToken stop) : IDisposable
    {
        private readonly CancellationTokenSource _cts = CancellationTokenSource.CreateLinkedTokenSource(stop);
        private int _callers = callers;

        public CancellationToken Token => _cts.Token;

        public void Leave()
        {
            if (Interlocked.Decrement(ref _callers) == 0)
            {
                try
                {
                    _cts.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The batch finished meanwhile.
                }
            }
        }

        public void Dispose() => _cts.Dispose();
    }
}

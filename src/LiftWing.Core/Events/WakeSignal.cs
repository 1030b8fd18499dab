namespace LiftWing.Core.Events;

/// <summary>A reusable wake-up: <see cref="Set"/> completes the current wait (or the next one); waits time out.</summary>
internal sealed class WakeSignal
{
    private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => Volatile.Read(ref _tcs).TrySetResult();

    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var tcs = Volatile.Read(ref _tcs);
        using var sleep = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, sleep.Token);
        await Task.WhenAny(tcs.Task, delay).ConfigureAwait(false); // no exception per idle poll
        await sleep.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        Interlocked.CompareExchange(ref _tcs, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), tcs);
    }
}

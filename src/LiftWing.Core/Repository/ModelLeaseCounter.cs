namespace LiftWing.Core.Repository;

/// <summary>
/// Counts the requests running on one model instance. Once closed it admits no new lease, and
/// <see cref="Drained"/> completes when the last running one ends, so the instance can be disposed safely
/// (disposing an ONNX session while <c>Run</c> executes crashes the process).
/// </summary>
internal sealed class ModelLeaseCounter
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _active;
    private bool _closed;
    private int _disposed;

    /// <summary>Completes once the counter is closed and no lease is active.</summary>
    public Task Drained => _drained.Task;

    /// <summary>The leases now held.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Takes a lease unless the counter is closed.</summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _active++;
            return true;
        }
    }

    /// <summary>Ends a lease.</summary>
    public void Exit()
    {
        lock (_gate)
        {
            _active--;
            if (_closed && _active == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>Admits no new lease; <see cref="Drained"/> completes when the running ones end.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            if (_active == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>True for the one caller that gets to dispose the instance.</summary>
    public bool TryClaimDisposal() => Interlocked.Exchange(ref _disposed, 1) == 0;
}

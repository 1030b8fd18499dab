using System.Buffers;

namespace LiftWing.Server.Http;

/// <summary>A request body copied into a rented array; dispose returns the array to the pool.</summary>
internal sealed class PooledBody(byte[] rented, int length) : IDisposable
{
    private byte[]? _array = rented;

    /// <summary>Rents an array for a body of <paramref name="length"/> bytes.</summary>
    public PooledBody(int length)
        : this(ArrayPool<byte>.Shared.Rent(Math.Max(length, 1)), length)
    {
    }

    /// <summary>The rented array (longer than the body).</summary>
    public byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledBody));

    /// <summary>The body bytes.</summary>
    public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, length);

    /// <summary>The body length.</summary>
    public int Length => length;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } a)
        {
            ArrayPool<byte>.Shared.Return(a);
        }
    }
}

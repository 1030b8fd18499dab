using System.Buffers;

namespace LiftWing.Server.Http;

/// <summary>A request body copied into a rented array; dispose returns the array to the pool.</summary>
internal sealed class PooledBody : IDisposable
{
    private readonly int _length;
    private byte[]? _array;

    /// <summary>Rents an array for a body of <paramref name="length"/> bytes.</summary>
    public PooledBody(int length)
    {
        _length = length;
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
    }

    /// <summary>Takes over a body already copied into an array rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
    public PooledBody(ArraySegment<byte> rented)
    {
        _length = rented.Count;
        _array = rented.Array;
    }

    /// <summary>The rented array (longer than the body).</summary>
    public byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledBody));

    /// <summary>The body bytes.</summary>
    public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, _length);

    /// <summary>The body length.</summary>
    public int Length => _length;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } a)
        {
            ArrayPool<byte>.Shared.Return(a);
        }
    }
}

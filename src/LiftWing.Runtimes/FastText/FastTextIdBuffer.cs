namespace LiftWing.Runtimes.FastText;

/// <summary>A growable int list reused across predictions on one thread (fastText's <c>std::vector&lt;int32_t&gt;</c>).</summary>
internal sealed class FastTextIdBuffer
{
    private int[] _items = new int[256];

    public int Count { get; private set; }

    public ReadOnlySpan<int> Span => _items.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Add(int value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = value;
    }

    public void AddRange(ReadOnlySpan<int> values)
    {
        if (Count + values.Length > _items.Length)
        {
            Array.Resize(ref _items, Math.Max(_items.Length * 2, Count + values.Length));
        }

        values.CopyTo(_items.AsSpan(Count));
        Count += values.Length;
    }
}

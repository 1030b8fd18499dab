namespace LiftWing.Runtimes.FastText;

/// <summary>
/// The k best (log score, label) pairs, kept exactly as fastText keeps them: a heap ordered by
/// <c>comparePairs</c> (greater score first) driven by libstdc++'s <c>push_heap</c>/<c>pop_heap</c>/<c>sort_heap</c>,
/// so even exactly tied scores (the table sigmoid of one-vs-all makes them) come out in fastText's order.
/// </summary>
internal sealed class FastTextTopK
{
    private float[] _scores = new float[8];
    private int[] _labels = new int[8];
    private int _k;

    public int Count { get; private set; }

    public bool IsFull => Count == _k;

    /// <summary>The worst score kept: the heap front (valid when <see cref="Count"/> &gt; 0 and not yet sorted).</summary>
    public float Min => _scores[0];

    public void Reset(int k)
    {
        _k = k;
        Count = 0;
        if (_scores.Length < k + 1)
        {
            _scores = new float[k + 1];
            _labels = new int[k + 1];
        }
    }

    /// <summary>fastText: push_back, push_heap, and pop_heap + pop_back when over k.</summary>
    public void Add(float score, int label)
    {
        _scores[Count] = score;
        _labels[Count] = label;
        Count++;
        PushHeap(Count - 1, 0, score, label);
        if (Count > _k)
        {
            PopHeap(Count);
            Count--;
        }
    }

    /// <summary>sort_heap: afterwards index 0 is the best.</summary>
    public void Sort()
    {
        for (var last = Count; last > 1; last--)
        {
            PopHeap(last);
        }
    }

    public float ScoreAt(int i) => _scores[i];

    public int LabelAt(int i) => _labels[i];

    // comparePairs(l, r) = l.first > r.first: the heap's "less", so the front holds the lowest score.
    private static bool Less(float a, float b) => a > b;

    // libstdc++ __push_heap.
    private void PushHeap(int hole, int top, float score, int label)
    {
        var parent = (hole - 1) / 2;
        while (hole > top && Less(_scores[parent], score))
        {
            _scores[hole] = _scores[parent];
            _labels[hole] = _labels[parent];
            hole = parent;
            parent = (hole - 1) / 2;
        }

        _scores[hole] = score;
        _labels[hole] = label;
    }

    // libstdc++ pop_heap on [0, length): moves the front to length-1 and re-heaps the rest (__pop_heap + __adjust_heap).
    private void PopHeap(int length)
    {
        var last = length - 1;
        var score = _scores[last];
        var label = _labels[last];
        _scores[last] = _scores[0];
        _labels[last] = _labels[0];
        var len = last;
        var hole = 0;
        var child = 0;
        while (child < (len - 1) / 2)
        {
            child = 2 * (child + 1);
            if (Less(_scores[child], _scores[child - 1]))
            {
                child--;
            }

            _scores[hole] = _scores[child];
            _labels[hole] = _labels[child];
            hole = child;
        }

        if ((len & 1) == 0 && child == (len - 2) / 2)
        {
            child = 2 * (child + 1);
            _scores[hole] = _scores[child - 1];
            _labels[hole] = _labels[child - 1];
            hole = child - 1;
        }

        PushHeap(hole, 0, score, label);
    }
}

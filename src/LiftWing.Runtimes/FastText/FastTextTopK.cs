namespace LiftWing.Runtimes.FastText;

/// <summary>The k best (log score, label) pairs, kept sorted best first (fastText keeps a min-heap; k is small).</summary>
internal sealed class FastTextTopK
{
    private float[] _scores = new float[8];
    private int[] _labels = new int[8];
    private int _k;

    public int Count { get; private set; }

    public bool IsFull => Count == _k;

    /// <summary>The worst score kept (valid when <see cref="Count"/> &gt; 0).</summary>
    public float Min => _scores[Count - 1];

    public void Reset(int k)
    {
        _k = k;
        Count = 0;
        if (_scores.Length < k)
        {
            _scores = new float[k];
            _labels = new int[k];
        }
    }

    public void Add(float score, int label)
    {
        if (IsFull && score <= Min)
        {
            return;
        }

        var i = IsFull ? Count - 1 : Count++;
        while (i > 0 && _scores[i - 1] < score)
        {
            _scores[i] = _scores[i - 1];
            _labels[i] = _labels[i - 1];
            i--;
        }

        _scores[i] = score;
        _labels[i] = label;
    }

    public float ScoreAt(int i) => _scores[i];

    public int LabelAt(int i) => _labels[i];
}

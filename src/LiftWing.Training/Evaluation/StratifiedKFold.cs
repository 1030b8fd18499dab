namespace LiftWing.Training.Evaluation;

/// <summary>Stratified k-fold assignment: each class is shuffled with a seeded RNG and dealt round-robin into folds.</summary>
internal static class StratifiedKFold
{
    /// <summary>Returns the fold (0..k-1) of each example. The same labels, k and seed always give the same folds.</summary>
    public static int[] Assign(IReadOnlyList<bool> labels, int k, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        // System.Random with a seed is the stable legacy generator: the same sequence on every .NET run.
#pragma warning disable CA5394 // Not security: a reproducible shuffle.
        var random = new Random(seed);
        var folds = new int[labels.Count];
        foreach (var cls in new[] { true, false })
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == cls).ToArray();
            random.Shuffle(members);
            for (var j = 0; j < members.Length; j++)
            {
                folds[members[j]] = j % k;
            }
        }
#pragma warning restore CA5394

        return folds;
    }
}

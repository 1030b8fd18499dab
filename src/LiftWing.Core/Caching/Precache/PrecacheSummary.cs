namespace LiftWing.Core.Caching.Precache;

/// <summary>Counts of a pre-cache run (per model and event pair, except <see cref="Events"/>).</summary>
public sealed class PrecacheSummary
{
    private long _events;
    private long _done;
    private long _skipped;
    private long _failed;

    /// <summary>Events read.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Predictions computed and stored.</summary>
    public long Done => Interlocked.Read(ref _done);

    /// <summary>Skipped: already cached, claimed by another worker, not cacheable, or not a revision event.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Failed (the model answered an error).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The last SSE id handled (resume point).</summary>
    public string? LastEventId { get; internal set; }

    internal void AddEvent() => Interlocked.Increment(ref _events);

    internal void AddDone() => Interlocked.Increment(ref _done);

    internal void AddSkipped() => Interlocked.Increment(ref _skipped);

    internal void AddFailed() => Interlocked.Increment(ref _failed);

    /// <summary>One line: counts and rate over <paramref name="elapsed"/>.</summary>
    public string Format(TimeSpan elapsed) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Events} events: {Done} done, {Skipped} skipped, {Failed} failed, {(Done + Skipped + Failed) / Math.Max(elapsed.TotalSeconds, 1e-3):0.0}/s in {elapsed.TotalSeconds:0.0} s");
}

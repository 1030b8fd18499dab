using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LiftWing.Core.Repository;
using LiftWing.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Slo;

/// <summary>
/// Records each inference request at the edge: into the Prometheus histogram <c>liftwing_edge_request_seconds</c>
/// (labels <c>model_name</c>, <c>code</c>; buckets include every threshold) and into per-minute counts that the
/// flusher writes to the SLO store. Both come from the same measurement, so <c>/slo</c> and Prometheus agree.
/// </summary>
internal sealed class SloRecorder
{
    /// <summary>The histogram's name (Prometheus adds <c>_bucket</c>, <c>_count</c>, <c>_sum</c>).</summary>
    public const string HistogramName = "liftwing_edge_request_seconds";

    private static readonly KeyValuePair<string, object?>[] s_codeTags =
        Enumerable.Range(0, 600).Select(c => new KeyValuePair<string, object?>("code", c.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();

    private readonly Lock _gate = new();
    private readonly Histogram<double> _histogram;
    private readonly SloOptions _options;
    private readonly ModelRepository _repository;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, SloModel> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SloModel>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private List<SloPendingSlot> _pending = [];

    public SloRecorder(IOptions<SloOptions> options, LiftWingMetrics metrics, ModelRepository repository, TimeProvider time)
    {
        _options = options.Value;
        _repository = repository;
        _time = time;
        Bounds = SloBuckets.For(_options);
        _lookup = _models.GetAlternateLookup<ReadOnlySpan<char>>();
        _histogram = metrics.Meter.CreateHistogram(
            HistogramName,
            "s",
            "Inference requests at the server's edge, arrival to last byte, by model and status code (the SLO's source).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Bounds });
    }

    /// <summary>The bucket upper bounds in seconds (without +Inf).</summary>
    public double[] Bounds { get; }

    /// <summary>The options in force.</summary>
    public SloOptions Options => _options;

    /// <summary>The model a request path names, if it is a configured model (unknown names are not recorded: no label explosion).</summary>
    public SloModel? Find(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return null;
        }

        if (_lookup.TryGetValue(name, out var m))
        {
            return m;
        }

        var s = name.ToString();
        return _repository.TryGet(s, out _) ? _models.GetOrAdd(s, static (n, o) => new SloModel(n, o.For(n)), _options) : null;
    }

    /// <summary>Records one finished request.</summary>
    public void Record(SloModel model, int status, double seconds)
    {
        _histogram.Record(seconds, model.Tag, s_codeTags[(uint)status < 600 ? status : 0]);
        var minute = _time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var ok = status is >= 200 and < 300;
        var bucket = ok ? BucketIndex(seconds) : 0;
        lock (_gate)
        {
            var slot = model.Current;
            if (slot is null || slot.Minute != minute)
            {
                slot = new SloPendingSlot(model, minute, Bounds.Length + 1);
                model.Current = slot;
                _pending.Add(slot);
            }

            slot.Total++;
            if (status >= 500)
            {
                slot.Errors++;
            }
            else if (ok)
            {
                slot.Ok++;
                slot.Buckets[bucket]++;
                if (seconds <= model.ThresholdSeconds)
                {
                    slot.Fast++;
                }
            }
        }
    }

    /// <summary>Takes what was recorded since the last call.</summary>
    public List<SloPendingSlot> TakePending()
    {
        lock (_gate)
        {
            var taken = _pending;
            _pending = [];
            foreach (var s in taken)
            {
                if (ReferenceEquals(s.Model.Current, s))
                {
                    s.Model.Current = null;
                }
            }

            return taken;
        }
    }

    /// <summary>Puts back what could not be written (the store failed), merged into the pending counts.</summary>
    public void Restore(List<SloPendingSlot> slots)
    {
        lock (_gate)
        {
            _pending.InsertRange(0, slots);
        }
    }

    private int BucketIndex(double seconds)
    {
        var i = Array.BinarySearch(Bounds, seconds);
        return i >= 0 ? i : ~i;
    }
}

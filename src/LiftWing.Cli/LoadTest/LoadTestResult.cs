using System.Globalization;
using System.Text;

namespace LiftWing.Cli.LoadTest;

/// <summary>Latencies and counts of a run, with Locust's stats columns.</summary>
internal sealed class LoadTestResult
{
    public required string Method { get; init; }

    public required string Name { get; init; }

    /// <summary>Latencies in milliseconds of every counted request, failed or not.</summary>
    public required double[] LatenciesMs { get; init; }

    public required long Failures { get; init; }

    public required long ContentBytes { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public IReadOnlyDictionary<int, long> StatusCounts { get; init; } = new Dictionary<int, long>();

    public long Count => LatenciesMs.Length;

    public double RequestsPerSecond => Count / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>The q-quantile (0..1) by the nearest-rank method on the sorted latencies.</summary>
    public double Percentile(double q)
    {
        if (LatenciesMs.Length == 0)
        {
            return 0;
        }

        var sorted = Sorted();
        var rank = (int)Math.Ceiling(q * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    private double[]? _sorted;

    private double[] Sorted()
    {
        if (_sorted is null)
        {
            _sorted = (double[])LatenciesMs.Clone();
            Array.Sort(_sorted);
        }

        return _sorted;
    }

    public static readonly string CsvHeader =
        "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%";

    private static readonly double[] s_quantiles = [0.5, 0.66, 0.75, 0.8, 0.9, 0.95, 0.98, 0.99, 0.999, 0.9999, 1.0];

    /// <summary>One CSV row in Locust's <c>*_stats.csv</c> layout (times in ms).</summary>
    public string CsvRow(string type, string name)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(type).Append(',').Append(name).Append(',').Append(Count).Append(',').Append(Failures).Append(',');
        sb.Append(F(Percentile(0.5))).Append(',').Append(F(Count == 0 ? 0 : LatenciesMs.Average())).Append(',');
        sb.Append(F(Count == 0 ? 0 : LatenciesMs.Min())).Append(',').Append(F(Count == 0 ? 0 : LatenciesMs.Max())).Append(',');
        sb.Append(F(Count == 0 ? 0 : (double)ContentBytes / Count)).Append(',').Append(F(RequestsPerSecond)).Append(',');
        sb.Append(F(Failures / Math.Max(Elapsed.TotalSeconds, 1e-9)));
        foreach (var q in s_quantiles)
        {
            sb.Append(',').Append(F(Percentile(q)));
        }

        return sb.ToString();

        string F(double v) => v.ToString("0.###", c);
    }

    public string ToCsv() => CsvHeader + "\n" + CsvRow(Method, Name) + "\n" + CsvRow("", "Aggregated") + "\n";

    public string ToTable()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"{"Type",-6} {"Name",-48} {"# reqs",8} {"# fails",8} {"Median",9} {"p95",9} {"p99",9} {"Max",9} {"req/s",9}");
        sb.AppendLine(c, $"{Method,-6} {Truncate(Name, 48),-48} {Count,8} {Failures,8} {Percentile(0.5),9:0.###} {Percentile(0.95),9:0.###} {Percentile(0.99),9:0.###} {(Count == 0 ? 0 : LatenciesMs.Max()),9:0.###} {RequestsPerSecond,9:0.#}");
        sb.AppendLine("(response times in ms)");
        if (StatusCounts.Count > 0)
        {
            sb.AppendLine("status codes: " + string.Join(", ", StatusCounts.OrderBy(kv => kv.Key).Select(kv => $"{(kv.Key == 0 ? "error" : kv.Key.ToString(c))}: {kv.Value}")));
        }

        return sb.ToString();
    }

    private static string Truncate(string s, int n) => s.Length <= n ? s : "…" + s[^(n - 1)..];
}

using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LiftWing.Benchmarks;

/// <summary>The 99th percentile of iteration times (BenchmarkDotNet ships P95 and P100 but not P99).</summary>
public sealed class P99Column : IColumn
{
    public string Id => nameof(P99Column);

    public string ColumnName => "P99";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    public int PriorityInCategory => 10;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Time;

    public string Legend => "99th percentile of the iteration times";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null)
        {
            return "NA";
        }

        var ms = statistics.Percentiles.Percentile(99) / 1_000_000.0;
        return ms.ToString("0.000", CultureInfo.InvariantCulture) + " ms";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

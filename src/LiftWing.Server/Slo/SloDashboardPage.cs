using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace LiftWing.Server.Slo;

/// <summary>
/// <c>/dashboard</c>: one self-contained HTML page rendered on the server (numbers in the markup, charts as inline
/// SVG, no script and no external asset), so it reads the same with JavaScript off; a meta refresh reloads it.
/// Every number carries <c>data-model</c>/<c>data-field</c> so a test can compare it with <c>/slo</c>.
/// </summary>
internal static class SloDashboardPage
{
    public const int RefreshSeconds = 10;

    private const string Style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#1b1b1b;background:#fafafa}
        h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:0 0 8px}.meta{color:#555;margin-bottom:16px}
        section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px 16px;margin-bottom:16px}
        .kpis{display:flex;gap:24px;flex-wrap:wrap;margin-bottom:8px}.kpi b{display:block;font-size:20px}
        .kpi span{color:#555;font-size:12px}table{border-collapse:collapse;margin:8px 0}
        th,td{padding:3px 10px;text-align:right;border-bottom:1px solid #eee}th:first-child,td:first-child{text-align:left}
        .bad{color:#b00020;font-weight:600}.good{color:#1a7f37}.charts{display:flex;gap:16px;flex-wrap:wrap}
        figure{margin:0}figcaption{font-size:12px;color:#555}svg{background:#f4f6f8;border-radius:4px}
        """;

    public static string Render(SloReport report)
    {
        var sb = new StringBuilder(16 * 1024);
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
          .Append(CultureInfo.InvariantCulture, $"<meta http-equiv=\"refresh\" content=\"{RefreshSeconds}\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>LiftWing SLOs</title><style>")
          .Append(Style).Append("</style></head><body><h1>LiftWing service levels</h1>")
          .Append(CultureInfo.InvariantCulture, $"<div class=\"meta\">Quarter {E(SloQuarter.Name(report.QuarterStart))} (since {report.QuarterStart:yyyy-MM-dd}), rolling window {E(report.RollingWindow)}, ")
          .Append(CultureInfo.InvariantCulture, $"generated <time id=\"generated\" datetime=\"{report.GeneratedAt:O}\">{report.GeneratedAt:yyyy-MM-dd HH:mm:ss} UTC</time>, store {E(report.Store)}, refreshes every {RefreshSeconds} s. ")
          .Append("Latency is measured at the server's edge, arrival to last byte. JSON: <a href=\"slo\">/slo</a>.</div>");
        if (report.Models.Count == 0)
        {
            sb.Append("<p>No models.</p>");
        }

        foreach (var m in report.Models)
        {
            Model(sb, m, report.RollingWindow);
        }

        return sb.Append("</body></html>").ToString();
    }

    private static void Model(StringBuilder sb, SloModelReport m, string rolling)
    {
        var id = E(m.Model);
        sb.Append(CultureInfo.InvariantCulture, $"<section data-model=\"{id}\"><h2>{id}</h2><div class=\"kpis\">");
        Kpi(sb, id, "requests_per_second", "requests/s (5 min)", Num(m.RequestsPerSecond, "F2"));
        Kpi(sb, id, "latency_ms.p50", "p50 ms", Ms(m.P50Ms));
        Kpi(sb, id, "latency_ms.p95", "p95 ms", Ms(m.P95Ms));
        Kpi(sb, id, "latency_ms.p99", "p99 ms", Ms(m.P99Ms));
        Kpi(sb, id, "error_ratio", "5xx ratio (5 min)", Pct(m.ErrorRatio));
        sb.Append("</div><table><thead><tr><th>objective</th><th>target</th><th>SLI 1h</th>")
          .Append(CultureInfo.InvariantCulture, $"<th>SLI {E(rolling)}</th><th>SLI quarter</th><th>budget left {E(rolling)}</th><th>budget left quarter</th>")
          .Append("<th>burn 1h</th><th>burn 6h</th><th>alert</th></tr></thead><tbody>");
        Row(sb, id, m.Availability, rolling);
        Row(sb, id, m.Latency, rolling);
        sb.Append("</tbody></table><div class=\"charts\">");
        Chart(sb, "requests per minute, last hour", m.Series.Select(p => (double?)p.Requests).ToList(), null, "#2f6fb3");
        Chart(sb, "p95 latency ms per minute (dashed: threshold)", m.Series.Select(p => p.P95Ms).ToList(), m.Latency.ThresholdMs, "#8a4fbf");
        Chart(sb, "5xx per minute", m.Series.Select(p => (double?)p.Errors).ToList(), null, "#b00020");
        sb.Append("</div></section>");
    }

    private static void Row(StringBuilder sb, string id, SloObjectiveReport o, string rolling)
    {
        var name = o.ThresholdMs is { } t ? string.Create(CultureInfo.InvariantCulture, $"latency ≤ {t:0.#} ms") : "availability (not 5xx)";
        var f = o.Objective;
        sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(name)}</td>");
        Cell(sb, id, $"{f}.target", Pct(o.Target), null);
        Cell(sb, id, $"{f}.sli.1h", Pct(o.Window("1h").Sli), o.Window("1h").Sli < o.Target);
        Cell(sb, id, $"{f}.sli.{rolling}", Pct(o.Window(rolling).Sli), o.Window(rolling).Sli < o.Target);
        Cell(sb, id, $"{f}.sli.quarter", Pct(o.Window("quarter").Sli), o.Window("quarter").Sli < o.Target);
        Cell(sb, id, $"{f}.budget_remaining_rolling", Pct(o.BudgetRemainingRolling), o.BudgetRemainingRolling < 0);
        Cell(sb, id, $"{f}.budget_remaining_quarter", Pct(o.BudgetRemainingQuarter), o.BudgetRemainingQuarter < 0);
        Cell(sb, id, $"{f}.burn_rate.1h", Num(o.Window("1h").BurnRate, "F2"), o.Window("1h").BurnRate > 1);
        Cell(sb, id, $"{f}.burn_rate.6h", Num(o.Window("6h").BurnRate, "F2"), o.Window("6h").BurnRate > 1);
        Cell(sb, id, $"{f}.alert", o.Alert ?? "none", o.Alert is not null);
        sb.Append("</tr>");
    }

    private static void Kpi(StringBuilder sb, string id, string field, string label, string value) =>
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"kpi\"><b data-model=\"{id}\" data-field=\"{field}\">{value}</b><span>{E(label)}</span></div>");

    private static void Cell(StringBuilder sb, string id, string field, string value, bool? bad) =>
        sb.Append(CultureInfo.InvariantCulture, $"<td data-model=\"{id}\" data-field=\"{E(field)}\"{(bad is null ? "" : bad.Value ? " class=\"bad\"" : " class=\"good\"")}>{value}</td>");

    // A sparkline: the values scaled into 300×60, gaps where a minute had no data, the maximum written on it.
    private static void Chart(StringBuilder sb, string title, List<double?> values, double? line, string color)
    {
        const double W = 300, H = 60;
        var dataMax = values.Max(v => v ?? 0);
        var max = Math.Max(dataMax, line ?? 0);
        max = max <= 0 ? 1 : max * 1.1;
        sb.Append(CultureInfo.InvariantCulture, $"<figure><svg width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{E(title)}\">");
        if (line is { } l)
        {
            var y = H - (l / max * H);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" x2=\"{W}\" y1=\"{y:F1}\" y2=\"{y:F1}\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>");
        }

        var points = new StringBuilder();
        var dots = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v)
            {
                var (x, y) = (i * W / Math.Max(1, values.Count - 1), H - (v / max * H));
                points.Append(CultureInfo.InvariantCulture, $"{x:F1},{y:F1} ");
                // A dot per minute with data, so that a lone minute (no line to draw) still shows.
                dots.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"1.5\" fill=\"{color}\"/>");
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{points.ToString().TrimEnd()}\"/>").Append(dots)
          .Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"12\" font-size=\"10\" fill=\"#555\">max {dataMax:0.##}</text></svg><figcaption>{E(title)}</figcaption></figure>");
    }

    public static string Pct(double? v) => v is { } x && double.IsFinite(x) ? string.Create(CultureInfo.InvariantCulture, $"{x * 100:F3} %") : "no data";

    public static string Ms(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("F1", CultureInfo.InvariantCulture) : "no data";

    private static string Num(double? v, string format) => v is { } x && double.IsFinite(x) ? x.ToString(format, CultureInfo.InvariantCulture) : "no data";

    private static string E(string s) => HtmlEncoder.Default.Encode(s);
}

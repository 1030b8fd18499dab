using System.Text;
using System.Text.Json;

namespace LiftWing.Server.Slo;

/// <summary>
/// A Grafana dashboard (JSON model) over the series that <see cref="SloRuleGenerator"/> records, for teams that use
/// Grafana: the same panels as <c>/dashboard</c>, one row of series per model, a model picker and a data-source picker.
/// </summary>
public static class SloGrafanaDashboard
{
    /// <summary>Writes the dashboard JSON.</summary>
    public static string Generate(SloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rolling = SloCalculator.WindowName(options.RollingWindow);
        const string M = "model_name=~\"$model\"";
        const string H = SloRuleGenerator.Metric;
        var panels = new (string Title, string Type, string Unit, (string Expr, string Legend)[] Targets)[]
        {
            ("Requests per second", "timeseries", "reqps", [($"sum by (model_name) (rate({H}_count{{{M}}}[5m]))", "{{model_name}}")]),
            ("Latency at the edge, 2xx (p50 / p95 / p99)", "timeseries", "s",
            [
                ($"histogram_quantile(0.5, sum by (model_name, le) (rate({H}_bucket{{{M},code=~\"2..\"}}[5m])))", "{{model_name}} p50"),
                ($"histogram_quantile(0.95, sum by (model_name, le) (rate({H}_bucket{{{M},code=~\"2..\"}}[5m])))", "{{model_name}} p95"),
                ($"histogram_quantile(0.99, sum by (model_name, le) (rate({H}_bucket{{{M},code=~\"2..\"}}[5m])))", "{{model_name}} p99"),
            ]),
            ("5xx ratio (5m)", "timeseries", "percentunit", [($"1 - liftwing:slo_availability:sli5m{{{M}}}", "{{model_name}}")]),
            ($"Availability SLI ({rolling}) and target", "timeseries", "percentunit",
            [($"liftwing:slo_availability:sli{rolling}{{{M}}}", "{{model_name}} SLI"), ($"liftwing:slo_availability:target{{{M}}}", "{{model_name}} target")]),
            ($"Latency SLI ({rolling}) and target", "timeseries", "percentunit",
            [($"liftwing:slo_latency:sli{rolling}{{{M}}}", "{{model_name}} SLI"), ($"liftwing:slo_latency:target{{{M}}}", "{{model_name}} target")]),
            ("Error budget left this quarter", "stat", "percentunit",
            [($"liftwing:slo_availability:budget_remaining_quarter{{{M}}}", "{{model_name}} availability"), ($"liftwing:slo_latency:budget_remaining_quarter{{{M}}}", "{{model_name}} latency")]),
            ($"Error budget left ({rolling})", "stat", "percentunit",
            [($"liftwing:slo_availability:budget_remaining{rolling}{{{M}}}", "{{model_name}} availability"), ($"liftwing:slo_latency:budget_remaining{rolling}{{{M}}}", "{{model_name}} latency")]),
            ("Burn rate (1h, 6h)", "timeseries", "none",
            [
                ($"liftwing:slo_availability:burnrate1h{{{M}}}", "{{model_name}} availability 1h"), ($"liftwing:slo_availability:burnrate6h{{{M}}}", "{{model_name}} availability 6h"),
                ($"liftwing:slo_latency:burnrate1h{{{M}}}", "{{model_name}} latency 1h"), ($"liftwing:slo_latency:burnrate6h{{{M}}}", "{{model_name}} latency 6h"),
            ]),
        };

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("title", "LiftWing SLOs");
            w.WriteString("uid", "liftwing-slo");
            w.WriteNumber("schemaVersion", 39);
            w.WriteString("refresh", "1m");
            w.WriteStartObject("time");
            w.WriteString("from", "now-24h");
            w.WriteString("to", "now");
            w.WriteEndObject();
            w.WriteStartArray("tags");
            w.WriteStringValue("liftwing");
            w.WriteStringValue("slo");
            w.WriteEndArray();
            Templating(w);
            w.WriteStartArray("panels");
            for (var i = 0; i < panels.Length; i++)
            {
                var (title, type, unit, targets) = panels[i];
                w.WriteStartObject();
                w.WriteNumber("id", i + 1);
                w.WriteString("title", title);
                w.WriteString("type", type);
                DataSource(w);
                w.WriteStartObject("gridPos");
                w.WriteNumber("x", i % 2 * 12);
                w.WriteNumber("y", i / 2 * 8);
                w.WriteNumber("w", 12);
                w.WriteNumber("h", 8);
                w.WriteEndObject();
                w.WriteStartObject("fieldConfig");
                w.WriteStartObject("defaults");
                w.WriteString("unit", unit);
                w.WriteEndObject();
                w.WriteStartArray("overrides");
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartArray("targets");
                for (var t = 0; t < targets.Length; t++)
                {
                    w.WriteStartObject();
                    w.WriteString("refId", ((char)('A' + t)).ToString());
                    DataSource(w);
                    w.WriteString("expr", targets[t].Expr);
                    w.WriteString("legendFormat", targets[t].Legend);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Templating(Utf8JsonWriter w)
    {
        w.WriteStartObject("templating");
        w.WriteStartArray("list");
        w.WriteStartObject();
        w.WriteString("name", "datasource");
        w.WriteString("type", "datasource");
        w.WriteString("query", "prometheus");
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("name", "model");
        w.WriteString("type", "query");
        DataSource(w);
        w.WriteString("query", $"label_values({SloRuleGenerator.Metric}_count, model_name)");
        w.WriteNumber("refresh", 2);
        w.WriteBoolean("includeAll", true);
        w.WriteBoolean("multi", true);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void DataSource(Utf8JsonWriter w)
    {
        w.WriteStartObject("datasource");
        w.WriteString("type", "prometheus");
        w.WriteString("uid", "${datasource}");
        w.WriteEndObject();
    }
}

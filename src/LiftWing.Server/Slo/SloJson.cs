using System.Text.Json;

namespace LiftWing.Server.Slo;

/// <summary>Writes the report as JSON (snake_case, nulls where there is no data).</summary>
internal static class SloJson
{
    public static void Write(Utf8JsonWriter w, SloReport report)
    {
        w.WriteStartObject();
        w.WriteString("generated_at", report.GeneratedAt);
        w.WriteString("quarter_start", report.QuarterStart);
        w.WriteString("quarter", SloQuarter.Name(report.QuarterStart));
        w.WriteString("rolling_window", report.RollingWindow);
        w.WriteString("store", report.Store);
        w.WriteStartArray("models");
        foreach (var m in report.Models)
        {
            w.WriteStartObject();
            w.WriteString("model", m.Model);
            w.WriteNumber("requests_per_second", m.RequestsPerSecond);
            Number(w, "error_ratio", m.ErrorRatio);
            w.WriteStartObject("latency_ms");
            Number(w, "p50", m.P50Ms);
            Number(w, "p95", m.P95Ms);
            Number(w, "p99", m.P99Ms);
            w.WriteEndObject();
            w.WriteStartArray("objectives");
            Objective(w, m.Availability);
            Objective(w, m.Latency);
            w.WriteEndArray();
            w.WriteStartArray("last_hour");
            foreach (var p in m.Series)
            {
                w.WriteStartObject();
                w.WriteString("minute", p.Minute);
                w.WriteNumber("requests", p.Requests);
                w.WriteNumber("errors", p.Errors);
                Number(w, "p95_ms", p.P95Ms);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Objective(Utf8JsonWriter w, SloObjectiveReport o)
    {
        w.WriteStartObject();
        w.WriteString("objective", o.Objective);
        w.WriteNumber("target", o.Target);
        Number(w, "threshold_ms", o.ThresholdMs);
        w.WriteNumber("budget_remaining_rolling", o.BudgetRemainingRolling);
        w.WriteNumber("budget_remaining_quarter", o.BudgetRemainingQuarter);
        if (o.Alert is null)
        {
            w.WriteNull("alert");
        }
        else
        {
            w.WriteString("alert", o.Alert);
        }

        w.WriteStartObject("windows");
        foreach (var win in o.Windows)
        {
            w.WriteStartObject(win.Window);
            w.WriteNumber("events", win.Events);
            w.WriteNumber("good", win.Good);
            Number(w, "sli", win.Sli);
            Number(w, "burn_rate", win.BurnRate);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

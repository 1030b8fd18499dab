using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace LiftWing.FunctionalTests.Slo;

/// <summary>
/// Headless Chromium opens <c>/dashboard</c> while the server is under load, and every number on the page must be the
/// one <c>GET /slo</c> gives; the page has no script at all (so it reads the same with JavaScript off); a screenshot
/// is saved next to the test binaries.
/// </summary>
public sealed partial class SloDashboardBrowserTests(ITestOutputHelper output)
{
    private static readonly string[] s_fields =
    [
        "requests_per_second", "error_ratio", "latency_ms.p50", "latency_ms.p95", "latency_ms.p99",
        "availability.target", "availability.sli.1h", "availability.sli.28d", "availability.sli.quarter",
        "availability.budget_remaining_rolling", "availability.budget_remaining_quarter", "availability.burn_rate.1h", "availability.burn_rate.6h",
        "latency.target", "latency.sli.1h", "latency.sli.28d", "latency.sli.quarter",
        "latency.budget_remaining_rolling", "latency.budget_remaining_quarter", "latency.burn_rate.1h", "latency.burn_rate.6h",
    ];

    [Fact]
    public async Task Dashboard_UnderLoad_ShowsTheNumbersOfSlo_WithNoScript()
    {
        using var models = SloServers.EchoModels();
        await using var server = await SloServers.StartAsync(models);
        // echo gets its known load first and then stays still, so its numbers can be compared exactly; "other"
        // keeps the server under load the whole time.
        await SloServers.LoadAsync(server.Client, 200);
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var content = new StringContent($"{{\"n\":{Random.Shared.Next()}}}", System.Text.Encoding.UTF8, "application/json");
                try
                {
                    using var r = await server.Client.PostAsync("v1/models/other:predict", content, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        try
        {
            var html = await server.Client.GetStringAsync("dashboard");
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);

            var slo = JsonDocument.Parse(await server.Client.GetStringAsync("slo")).RootElement;
            var dom = await HeadlessChromium.DumpDomAsync(new Uri(server.BaseAddress, "dashboard"));
            Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
            var shown = Cell().Matches(dom).Where(m => m.Groups["model"].Value == "echo").ToDictionary(m => m.Groups["field"].Value, m => m.Groups["value"].Value);
            var echo = slo.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "echo");
            foreach (var field in s_fields)
            {
                Assert.True(shown.TryGetValue(field, out var text), $"{field} is not on the page");
                var expected = Value(echo, field);
                output.WriteLine($"{field}: page {text}, /slo {expected}");
                if (expected is null)
                {
                    Assert.Equal("no data", text);
                    continue;
                }

                var percent = text.EndsWith(" %", StringComparison.Ordinal);
                var value = double.Parse(percent ? text[..^2] : text, CultureInfo.InvariantCulture) / (percent ? 100 : 1);
                // The page rounds: percentages to 0.001 %, milliseconds to 0.1, rates to 0.01.
                var tolerance = percent ? 0.0000051 : field.StartsWith("latency_ms", StringComparison.Ordinal) ? 0.051 : 0.0051;
                Assert.InRange(value, expected.Value - tolerance, expected.Value + tolerance);
            }

            Assert.Equal(echo.GetProperty("objectives")[0].GetProperty("alert").GetString() ?? "none", shown["availability.alert"]);
            Assert.Contains("data-model=\"other\"", dom, StringComparison.Ordinal);

            var png = Path.Combine(AppContext.BaseDirectory, "slo-dashboard.png");
            await HeadlessChromium.ScreenshotAsync(new Uri(server.BaseAddress, "dashboard"), png, 1280, 800);
            Assert.True(new FileInfo(png).Length > 10_000);
            output.WriteLine($"screenshot: {png}");
        }
        finally
        {
            await stop.CancelAsync();
            await load;
        }
    }

    // "availability.sli.28d" → objectives[0].windows["28d"].sli; "latency_ms.p95" → latency_ms.p95.
    private static double? Value(JsonElement model, string field)
    {
        var parts = field.Split('.');
        JsonElement e;
        if (parts[0] is "availability" or "latency")
        {
            var o = model.GetProperty("objectives")[parts[0] == "availability" ? 0 : 1];
            e = parts.Length == 3 ? o.GetProperty("windows").GetProperty(parts[2]).GetProperty(parts[1]) : o.GetProperty(parts[1]);
        }
        else
        {
            e = parts.Aggregate(model, (current, p) => current.GetProperty(p));
        }

        return e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();
    }

    [GeneratedRegex("""data-model="(?<model>[^"]+)" data-field="(?<field>[^"]+)"[^>]*>(?<value>[^<]*)<""")]
    private static partial Regex Cell();
}

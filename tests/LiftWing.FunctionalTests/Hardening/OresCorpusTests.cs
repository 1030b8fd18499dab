using System.Text;
using System.Text.Json;
using LiftWing.FunctionalTests.Hardening.Corpus;
using LiftWing.FunctionalTests.Ores;
using Xunit.Abstractions;

namespace LiftWing.FunctionalTests.Hardening;

/// <summary>
/// The hostile ORES corpus against the ORES server (fake Lift Wing upstream, real revert risk): every case answers
/// below 500, within 5 s, with an ORES error body (<c>{"error": ...}</c> or FastAPI's <c>{"detail": ...}</c>) on a 4xx,
/// and the server is live afterwards.
/// </summary>
[Collection(OresCollection.Name)]
public sealed class OresCorpusTests(OresServerFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task OresCorpus_NoCaseCrashesStallsOrAnswers5xx()
    {
        var cases = OresCorpus.Build();
        Assert.True(cases.Count >= 300, $"only {cases.Count} cases");
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        foreach (var c in cases)
        {
            var r = await RawHttpClient.SendAsync(fixture.Server.BaseAddress, c, TimeSpan.FromSeconds(30));
            statuses[r.Status] = statuses.GetValueOrDefault(r.Status) + 1;
            if (Check(c, r) is { } problem)
            {
                failures.Add($"{c.Name}: {problem}");
            }
        }

        output.WriteLine($"ores: {cases.Count} cases; statuses {string.Join(", ", statuses.Select(kv => $"{kv.Key}×{kv.Value}"))}");
        using var live = await fixture.Server.Client.GetAsync(new Uri("/v2/health/live", UriKind.Relative));
        Assert.True(live.IsSuccessStatusCode, "the server is not live after the corpus");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures.Take(40)));
    }

    private static string? Check(CorpusCase c, RawHttpClient.RawResponse r)
    {
        if (r.Elapsed > TimeSpan.FromSeconds(5))
        {
            return $"took {r.Elapsed.TotalSeconds:0.0} s (status {r.Status})";
        }

        if (r.Status == 0)
        {
            return "no response";
        }

        if (r.Status >= 500)
        {
            return $"{r.Status} {Encoding.UTF8.GetString(r.Body.AsSpan(0, Math.Min(300, r.Body.Length)))}";
        }

        if (r.Status < 400 || c.Head.StartsWith("HEAD ", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(r.Body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && (doc.RootElement.TryGetProperty("error", out _) || doc.RootElement.TryGetProperty("detail", out _))
                ? null
                : "not an ORES error body: " + Encoding.UTF8.GetString(r.Body);
        }
        catch (JsonException)
        {
            return "not JSON: " + Encoding.UTF8.GetString(r.Body.AsSpan(0, Math.Min(300, r.Body.Length)));
        }
    }
}

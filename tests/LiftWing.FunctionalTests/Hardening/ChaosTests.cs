using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using LiftWing.FunctionalTests.Hardening.Corpus;

namespace LiftWing.FunctionalTests.Hardening;

/// <summary>
/// Chaos: every model is reloaded and then unloaded and loaded again while clients keep sending it valid
/// requests (uncached, so they reach the model). No crash; no 5xx except the model's own 503 while it is
/// unloaded; and no 503 at all while a ready model reloads (the new instance is swapped in atomically).
/// </summary>
public sealed partial class CorpusTests
{
    private sealed record Sample(string Model, long Start, long End, int Status, string Body);

    [Fact]
    public async Task Chaos_UnloadAndReloadEveryModelUnderLoad()
    {
        var targets = new (string Model, string EndpointName)[]
        {
            ("example-linear", "v2-example-linear"), ("langid", "langid"), ("all-MiniLM-L6-v2", "minilm"),
            ("logo-detection", "logo-detection"), ("articlequality", "articlequality"), ("revertrisk-language-agnostic", "revertrisk"),
        };
        var endpoints = Endpoints().ToDictionary(e => e.Name);
        var samples = new ConcurrentBag<Sample>();
        var unloadedWindows = new ConcurrentBag<(string Model, long From, long To)>();
        using var stop = new CancellationTokenSource();
        var client = fixture.Server.Client;

        async Task LoadLoop(string model, CorpusEndpoint endpoint)
        {
            while (!stop.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Path.TrimStart('/'))
                {
                    Content = new StringContent(endpoint.ValidBody, Encoding.UTF8, "application/json"),
                };
                request.Headers.CacheControl = new CacheControlHeaderValue { NoStore = true };
                var start = Stopwatch.GetTimestamp();
                using var r = await client.SendAsync(request, CancellationToken.None);
                var body = await r.Content.ReadAsStringAsync(CancellationToken.None);
                samples.Add(new Sample(model, start, Stopwatch.GetTimestamp(), (int)r.StatusCode, body.Length > 200 ? body[..200] : body));
            }
        }

        var loops = targets.SelectMany(t => Enumerable.Range(0, 2).Select(_ => Task.Run(() => LoadLoop(t.Model, endpoints[t.EndpointName])))).ToList();
        foreach (var (model, _) in targets)
        {
            // A reload of a ready model: no request may see a 503.
            using (var reload = await client.PostAsync($"v2/repository/models/{model}/load", null))
            {
                Assert.True(reload.IsSuccessStatusCode, $"reload of {model}: {(int)reload.StatusCode} {await reload.Content.ReadAsStringAsync()}");
            }

            // An unload and load again: 503 is the answer while it is unloaded, nothing else 5xx.
            var from = Stopwatch.GetTimestamp();
            using var unload = await client.PostAsync($"v2/repository/models/{model}/unload", null);
            Assert.True(unload.IsSuccessStatusCode, $"unload of {model}: {(int)unload.StatusCode}");
            await Task.Delay(200);
            using var load = await client.PostAsync($"v2/repository/models/{model}/load", null);
            unloadedWindows.Add((model, from, Stopwatch.GetTimestamp()));
            Assert.True(load.IsSuccessStatusCode, $"load of {model}: {(int)load.StatusCode} {await load.Content.ReadAsStringAsync()}");
        }

        await stop.CancelAsync();
        await Task.WhenAll(loops);

        var bad = samples.Where(s =>
        {
            if (s.Status < 500)
            {
                return false;
            }

            var overlapsUnload = unloadedWindows.Any(w => w.Model == s.Model && s.Start <= w.To && s.End >= w.From);
            return !(s.Status == 503 && overlapsUnload);
        }).ToList();
        output.WriteLine($"chaos: {samples.Count} requests; statuses {string.Join(", ", samples.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}");
        Assert.True(bad.Count == 0, $"{bad.Count} bad answers:\n" + string.Join("\n", bad.Take(20).Select(s => $"{s.Model} {s.Status} {s.Body}")));
        Assert.True(samples.Count(s => s.Status == 200) > targets.Length, "the load did not get through");
        using var live = await client.GetAsync("v2/health/live");
        Assert.True(live.IsSuccessStatusCode);
        using var ready = await client.GetAsync("v2/health/ready");
        Assert.True(ready.IsSuccessStatusCode, await ready.Content.ReadAsStringAsync());
    }
}

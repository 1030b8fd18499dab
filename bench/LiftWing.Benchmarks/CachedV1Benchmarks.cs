using System.Globalization;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using LiftWing.Server;
using LiftWing.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Benchmarks;

/// <summary>
/// Allocations (and time) per langid V1 predict over loopback HTTP/1.1 keep-alive, one client in this process: a
/// bare Kestrel endpoint that reads the body and writes fixed bytes (the floor: client plus Kestrel), a cached answer
/// (L1 hit), a batch of three cached items, and the model without a cache. The memory diagnoser counts every thread's
/// allocations, so a row minus the bare row is what LiftWing adds per request.
/// Run: <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- --filter '*CachedV1*' --inProcess --job short</c>
/// </summary>
[MemoryDiagnoser]
public class CachedV1Benchmarks
{
    private static readonly byte[] s_single = Encoding.UTF8.GetBytes("""{"text":"Der schnelle braune Fuchs springt über den faulen Hund"}""");
    private static readonly byte[] s_batch = Encoding.UTF8.GetBytes("""{"instances":[{"text":"Der schnelle braune Fuchs springt über den faulen Hund"},{"text":"Bonjour tout le monde"},{"text":"The quick brown fox"}]}""");
    private WebApplication? _cached;
    private WebApplication? _uncached;
    private WebApplication? _bare;
    private HttpClient _client = null!;
    private Uri _cachedUri = null!;
    private Uri _uncachedUri = null!;
    private Uri _bareUri = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _client = new HttpClient(new SocketsHttpHandler { UseCookies = false });
        (_cached, _cachedUri) = await StartAsync(cache: true);
        (_uncached, _uncachedUri) = await StartAsync(cache: false);
        var expected = await PostAsync(_cachedUri, s_single, "hit");
        await PostAsync(_cachedUri, s_batch, "hit");
        (_bare, _bareUri) = await LoopbackBench.StartBareAsync("POST", "/v1/models/langid:predict", () => expected);
        for (var i = 0; i < 200; i++)
        {
            await PostAsync(_bareUri, s_single, null);
            await PostAsync(_uncachedUri, s_single, null);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        foreach (var app in new[] { _cached, _uncached, _bare })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }

    [Benchmark(Baseline = true)]
    public Task<byte[]> BareKestrel() => PostAsync(_bareUri, s_single, null);

    [Benchmark]
    public Task<byte[]> CachedHit() => PostAsync(_cachedUri, s_single, null);

    [Benchmark]
    public Task<byte[]> CachedBatchHit() => PostAsync(_cachedUri, s_batch, null);

    [Benchmark]
    public Task<byte[]> Uncached() => PostAsync(_uncachedUri, s_single, null);

    private static Task<(WebApplication App, Uri PredictUrl)> StartAsync(bool cache) =>
        LoopbackBench.StartLangIdAsync(
            [new("LiftWing:Cache:Store", cache ? "Memory" : "None")],
            cache ? s => s.AddLiftWingPredictionCache() : null);

    private async Task<byte[]> PostAsync(Uri uri, byte[] body, string? expectCache)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await _client.PostAsync(uri, content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (expectCache is not null)
        {
            // The first call stores the answer; the second must be the hit the benchmark measures.
            using var again = new ByteArrayContent(body);
            again.Headers.ContentType = new("application/json");
            using var second = await _client.PostAsync(uri, again);
            if (response.StatusCode != HttpStatusCode.OK || !second.Headers.TryGetValues("X-Cache", out var v) || v.Single() != expectCache)
            {
                throw new InvalidOperationException($"expected a cached 200 from {uri}, got {(int)second.StatusCode}");
            }
        }

        return bytes;
    }
}

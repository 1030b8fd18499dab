using LiftWing.Core.Caching;
using LiftWing.Core.Inference;
using LiftWing.Tests.Common;
using Microsoft.Extensions.Time.Testing;
using static LiftWing.Core.Tests.Caching.CacheHarness;

namespace LiftWing.Core.Tests.Caching;

public sealed class PredictionCacheTests : IDisposable
{
    private readonly string _db = Temp();

    public void Dispose()
    {
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" })
        {
            File.Delete(f);
        }
    }

    [Fact]
    public async Task GetOrCompute_Repeated_HitsL1ThenL2AfterRestart_ByteForByte()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var model = new EchoModel(Config("echo"));
        byte[] first;
        await using (var store = new SqlitePredictionStore(_db, time, TimeSpan.Zero))
        {
            var cache = Cache(time, store);
            var miss = await Run(cache, model, Request("echo", "{\"text\":\"é\"}"));
            Assert.Equal("miss", miss.Cache!.Status);
            first = miss.Json.ToArray();
            var hit = await Run(cache, model, Request("echo", "{\"text\":\"é\"}"));
            Assert.Equal(CacheOutcome.HitL1, hit.Cache);
            Assert.Equal(first, hit.Json.ToArray());
        }

        await using (var store = new SqlitePredictionStore(_db, time, TimeSpan.Zero))
        {
            var hit = await Run(Cache(time, store), model, Request("echo", "{\"text\":\"é\"}"));
            Assert.Equal(CacheOutcome.HitL2, hit.Cache);
            Assert.Equal(first, hit.Json.ToArray());
        }

        Assert.Equal(1, model.PredictCount);
    }

    [Fact]
    public async Task GetOrCompute_VersionBump_Misses()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var store = new SqlitePredictionStore(_db, time, TimeSpan.Zero);
        await Run(Cache(time, store), new EchoModel(Config("echo", "1")), Request("echo", "{\"a\":1}"));
        var v2 = new EchoModel(Config("echo", "2"));
        Assert.Equal("miss", (await Run(Cache(time, store), v2, Request("echo", "{\"a\":1}"))).Cache!.Status);
        Assert.Equal(1, v2.PredictCount);
    }

    [Fact]
    public async Task GetOrCompute_AfterTtl_MissesInBothTiers_AndCleanupDeletesRows()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var store = new SqlitePredictionStore(_db, time, TimeSpan.Zero);
        var cache = Cache(time, store);
        var model = new EchoModel(Config("echo", ttl: "1h"));
        await Run(cache, model, Request("echo", "{\"a\":1}"));
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal("hit", (await Run(Cache(time, store), model, Request("echo", "{\"a\":1}"))).Cache!.Status);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, store.DeleteExpired());
        Assert.Equal("miss", (await Run(cache, model, Request("echo", "{\"a\":1}"))).Cache!.Status);
        Assert.Equal(2, model.PredictCount);
    }

    [Fact]
    public async Task GetOrCompute_NoCacheHeader_RecomputesAndRefreshes()
    {
        var cache = Cache(TimeProvider.System, null);
        var model = new EchoModel(Config("echo"));
        await Run(cache, model, Request("echo", "{\"a\":1}"));
        Assert.Equal("miss", (await Run(cache, model, Request("echo", "{\"a\":1}", "no-cache"))).Cache!.Status);
        Assert.Equal("hit", (await Run(cache, model, Request("echo", "{\"a\":1}"))).Cache!.Status);
        Assert.Equal(2, model.PredictCount);
    }

    [Fact]
    public async Task GetOrCompute_DisabledOrError_BypassesOrDoesNotStore()
    {
        var cache = Cache(TimeProvider.System, null);
        var off = new EchoModel(Config("off", enabled: false));
        Assert.Equal(CacheOutcome.Bypass, (await Run(cache, off, Request("off", "{}"))).Cache);
        var model = new EchoModel(Config("echo"));
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<Errors.InvalidInputException>(async () => await Run(cache, model, Request("echo", "{\"fail\":\"invalid\"}")));
        }

        Assert.Equal(0, cache.Memory.Count);
    }

    [Fact]
    public async Task GetOrCompute_ConcurrentIdenticalMisses_ComputeOnce()
    {
        var cache = Cache(TimeProvider.System, null);
        var model = new EchoModel(Config("echo"));
        var all = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Run(cache, model, Request("echo", "{\"sleep_ms\":200}")).AsTask()));
        Assert.Equal(1, model.PredictCount);
        Assert.All(all, r => Assert.Equal(all[0].Json.ToArray(), r.Json.ToArray()));
    }

    [Fact]
    public async Task GetOrCompute_Batch20With15Cached_Computes5_SameBytesAsUncached()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var store = new SqlitePredictionStore(_db, time, TimeSpan.Zero);
        var model = new BatchEchoModel(Config("batch"));
        string Batch(IEnumerable<int> ids) => "{\"instances\":[" + string.Join(",", ids.Select(i => $"{{\"id\":{i}}}")) + "]}";
        await Run(Cache(time, store), model, Request("batch", Batch(Enumerable.Range(0, 15))));
        Assert.Equal(15, model.ItemsComputed);
        var response = await Run(Cache(time, store), model, Request("batch", Batch(Enumerable.Range(0, 20))));
        Assert.Equal(20, model.ItemsComputed);
        Assert.Equal(new CacheOutcome("miss", null, 15, 20), response.Cache);
        var fresh = await Run(Cache(time, null), new BatchEchoModel(Config("batch")), Request("batch", Batch(Enumerable.Range(0, 20)), "no-store"));
        Assert.Equal(fresh.Json.ToArray(), response.Json.ToArray());
        var again = await Run(Cache(time, store), model, Request("batch", Batch(Enumerable.Range(0, 20))));
        Assert.Equal(new CacheOutcome("hit", "l2", 20, 20), again.Cache);
        Assert.Equal(20, model.ItemsComputed);
    }

    [Fact]
    public async Task GetOrCompute_CorruptEntry_DroppedAndRecomputed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var store = new SqlitePredictionStore(_db, time, TimeSpan.Zero);
        var model = new EchoModel(Config("echo"));
        var request = Request("echo", "{\"a\":1}");
        var key = new PredictionKey("echo", "1", model.GetCacheKey(request)!);
        await store.SetAsync(key, "not an entry"u8.ToArray(), TimeSpan.FromHours(1), default);
        var r = await Run(Cache(time, store), model, request);
        Assert.Equal("miss", r.Cache!.Status);
        Assert.Equal(1, model.PredictCount);
        Assert.True(CacheEntryCodec.TryDecode(key.ToString(), (await store.GetManyAsync([key], default))[0]!, out _, out _));
    }

    [Fact]
    public async Task GetOrCompute_StoreHangsOrThrows_ServedUncachedWithinBound_ThenRecovers()
    {
        var store = new FlakyStore();
        var cache = Cache(TimeProvider.System, store, o =>
        {
            o.StoreTimeout = TimeSpan.FromMilliseconds(50);
            o.StoreWriteTimeout = TimeSpan.FromMilliseconds(50);
            o.StoreRetryAfter = TimeSpan.FromMilliseconds(200);
        });
        var model = new EchoModel(Config("echo"));
        store.Mode = FlakyStore.Behaviour.Hang;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = await Run(cache, model, Request("echo", "{\"a\":1}"));
        Assert.Equal("miss", r.Cache!.Status);
        Assert.True(sw.ElapsedMilliseconds < 10_000, $"took {sw.ElapsedMilliseconds} ms"); // the store hangs forever: any finite answer shows the bound; 10 s leaves room for a busy machine
        store.Mode = FlakyStore.Behaviour.Throw;
        Assert.Equal("miss", (await Run(cache, model, Request("echo", "{\"b\":1}"))).Cache!.Status);
        store.Mode = FlakyStore.Behaviour.Work;
        await Task.Delay(300);
        await Run(cache, model, Request("echo", "{\"c\":1}"));
        Assert.True(store.Entries > 0, "the store is used again after the retry delay");
    }

    private sealed class FlakyStore : IPredictionStore
    {
        public enum Behaviour { Work, Hang, Throw }

        private readonly Dictionary<string, byte[]> _data = [];

        public Behaviour Mode { get; set; }

        public int Entries => _data.Count;

        public string Name => "flaky";

        private async Task Gate()
        {
            if (Mode == Behaviour.Hang)
            {
                await Task.Delay(Timeout.Infinite);
            }

            if (Mode == Behaviour.Throw)
            {
                throw new IOException("store down");
            }
        }

        public async ValueTask<IReadOnlyList<byte[]?>> GetManyAsync(IReadOnlyList<PredictionKey> keys, CancellationToken cancellationToken)
        {
            await Gate();
            lock (_data)
            {
                return keys.Select(k => _data.GetValueOrDefault(k.ToString())).ToArray();
            }
        }

        public async ValueTask SetAsync(PredictionKey key, ReadOnlyMemory<byte> entry, TimeSpan ttl, CancellationToken cancellationToken)
        {
            await Gate();
            lock (_data)
            {
                _data[key.ToString()] = entry.ToArray();
            }
        }

        public ValueTask RemoveAsync(PredictionKey key, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<bool> TryClaimAsync(string claim, TimeSpan ttl, CancellationToken cancellationToken) => ValueTask.FromResult(true);

        public ValueTask<long> PurgeAsync(string model, string? version, CancellationToken cancellationToken) => ValueTask.FromResult(0L);

        public ValueTask<IReadOnlyList<PredictionStoreStats>> GetStatsAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<PredictionStoreStats>>([]);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

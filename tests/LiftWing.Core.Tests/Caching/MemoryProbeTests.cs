using LiftWing.Core.Caching;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Tests.Common;
using static LiftWing.Core.Tests.Caching.CacheHarness;

namespace LiftWing.Core.Tests.Caching;

/// <summary>The synchronous L1 probe the data plane runs before it sets up a computation.</summary>
public sealed class MemoryProbeTests
{
    [Fact]
    public async Task TryGetFromMemory_OnlyAfterAMiss_AnswersTheStoredBytes()
    {
        var cache = Cache(TimeProvider.System, null);
        var model = new EchoModel(Config("echo"));
        Assert.False(cache.TryGetFromMemory(model, Request("echo", "{\"text\":\"é\"}"), out _));
        var miss = await Run(cache, model, Request("echo", "{\"text\":\"é\"}"));
        Assert.Equal(CacheOutcome.Miss, miss.Cache);

        Assert.True(cache.TryGetFromMemory(model, Request("echo", "{\"text\":\"é\"}"), out var hit));
        Assert.Equal(CacheOutcome.HitL1, hit.Cache);
        Assert.Equal(miss.Json.ToArray(), hit.Json.ToArray());
        Assert.False(cache.TryGetFromMemory(model, Request("echo", "{\"text\":\"e\"}"), out _));
        Assert.Equal(1, model.PredictCount);
    }

    [Theory]
    [InlineData("no-cache")]
    [InlineData("No-Store")]
    public async Task TryGetFromMemory_RefreshOrNoStore_LeavesItToTheFullPath(string control)
    {
        var cache = Cache(TimeProvider.System, null);
        var model = new EchoModel(Config("echo"));
        await Run(cache, model, Request("echo", "{\"a\":1}"));
        Assert.False(cache.TryGetFromMemory(model, Request("echo", "{\"a\":1}", control), out _));
        Assert.True(cache.TryGetFromMemory(model, Request("echo", "{\"a\":1}", "max-age=0"), out _));
    }

    [Fact]
    public async Task TryGetFromMemory_DisabledOrNoKey_NeverHits()
    {
        var cache = Cache(TimeProvider.System, null);
        var model = new EchoModel(Config("echo"));
        await Run(cache, model, Request("echo", "{\"a\":1}"));
        Assert.False(cache.TryGetFromMemory(new EchoModel(Config("echo", enabled: false)), Request("echo", "{\"a\":1}"), out _));
        var refusing = new KeylessModel(Config("echo"));
        Assert.False(cache.TryGetFromMemory(refusing, Request("echo", "{\"a\":1}"), out _));
    }

    [Fact]
    public async Task TryGetFromMemory_Batch_HitsOnlyWhenEveryItemIsInL1_SameBytesAsTheFullPath()
    {
        var cache = Cache(TimeProvider.System, null);
        var model = new BatchEchoModel(Config("batch"));
        const string three = "{\"instances\":[{\"id\":1},{\"id\":2},{\"id\":3}]}";
        await Run(cache, model, Request("batch", "{\"instances\":[{\"id\":1},{\"id\":2}]}"));
        Assert.False(cache.TryGetFromMemory(model, Request("batch", three), out _));
        var full = await Run(cache, model, Request("batch", three));
        Assert.Equal(new CacheOutcome("miss", null, 2, 3), full.Cache);

        Assert.True(cache.TryGetFromMemory(model, Request("batch", three), out var hit));
        Assert.Equal(new CacheOutcome("hit", "l1", 3, 3), hit.Cache);
        Assert.Equal(full.Json.ToArray(), hit.Json.ToArray());
        Assert.Equal(3, model.ItemsComputed);
    }

    [Fact]
    public async Task GetOrCompute_AfterAProbeMiss_AsksTheModelForItsKeyOnce()
    {
        var cache = Cache(TimeProvider.System, null);
        var model = new CountingKeyModel(Config("echo"));
        var request = Request("echo", "{\"a\":1}");
        Assert.False(cache.TryGetFromMemory(model, request, out _));
        await Run(cache, model, request);
        Assert.Equal(1, model.KeyCalls);
    }

    /// <summary>A model that refuses every request its key (as a model does for input it will reject).</summary>
    private sealed class KeylessModel(ModelConfig config) : ModelBase<int, int>(config)
    {
        public override string? GetCacheKey(InferenceRequest request) => null;

        protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken) => Task.CompletedTask;

        protected override ValueTask<int> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(0);

        protected override ValueTask<int> PredictAsync(int input, InferenceRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(0);

        protected override ValueTask<InferenceResponse> PostprocessAsync(int output, InferenceRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(InferenceResponse.FromUtf8("{}"u8.ToArray()));
    }

    private sealed class CountingKeyModel(ModelConfig config) : ModelBase<int, int>(config)
    {
        private int _keyCalls;

        public int KeyCalls => _keyCalls;

        public override string? GetCacheKey(InferenceRequest request)
        {
            Interlocked.Increment(ref _keyCalls);
            return "k";
        }

        protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken) => Task.CompletedTask;

        protected override ValueTask<int> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(0);

        protected override ValueTask<int> PredictAsync(int input, InferenceRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(0);

        protected override ValueTask<InferenceResponse> PostprocessAsync(int output, InferenceRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(InferenceResponse.FromUtf8("{}"u8.ToArray()));
    }
}

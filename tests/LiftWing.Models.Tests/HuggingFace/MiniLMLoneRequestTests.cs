using LiftWing.Core.Models;
using LiftWing.Tests.Common;
using Microsoft.Extensions.Time.Testing;

namespace LiftWing.Models.Tests.HuggingFace;

/// <summary>
/// Dynamic batching must not make a lone request wait for the batch window (issue 21: 2 ms of a 5 ms answer). The
/// clock here never moves and the window is a minute, so a request that went through the batcher's wait would never
/// finish; one that finds no other in flight must run at once and answer exactly what the unbatched model answers.
/// </summary>
public sealed class MiniLMLoneRequestTests : IAsyncLifetime
{
    private const string Frozen = "minilm-frozen-clock";
    private const string Unbatched = "minilm-unbatched";
    private readonly HfTestHost _host = new(new FakeTimeProvider());

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(TestPaths.Models, "all-MiniLM-L6-v2");
        await _host.LoadAsync(folder, c => c with { Name = Frozen, Batching = new BatchingSettings { Enabled = true, MaxBatchSize = 32, MaxLatencyMs = 60_000 } });
        await _host.LoadAsync(folder, c => c with { Name = Unbatched, Batching = new BatchingSettings { Enabled = false } });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task LoneRequest_DoesNotWaitForTheBatchWindow_AndAnswersAsUnbatched()
    {
        var body = new { instances = new[] { "The quick brown fox jumps over the lazy dog.", "Hi" } };

        // The guard only turns a hang (the old behaviour with this frozen clock) into a failure; it is not a latency bound.
        var batched = await _host.PredictAsync(Frozen, body).WaitAsync(TimeSpan.FromMinutes(5));
        var unbatched = await _host.PredictAsync(Unbatched, body);

        Assert.Equal(unbatched.GetRawText(), batched.GetRawText());
    }

    [Fact]
    public async Task LoneRequests_OneAfterAnother_EachRunAtOnce()
    {
        for (var i = 0; i < 3; i++)
        {
            var result = await _host.PredictAsync(Frozen, new { instances = new[] { $"Sentence number {i}." } }).WaitAsync(TimeSpan.FromMinutes(5));
            Assert.Equal(384, result.GetProperty("predictions")[0].GetArrayLength());
        }
    }
}

using System.Diagnostics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LiftWing.Core.Caching;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Telemetry;
using LiftWing.Server.Caching;
using LiftWing.Tests.Common;
using Microsoft.Extensions.Options;

namespace LiftWing.Benchmarks;

/// <summary>
/// What a cache hit costs below HTTP: an L1 hit through <see cref="PredictionCache"/>, and the L2 read +
/// decode for SQLite and for Redis (a real <c>redis-server</c> started on a free port). The L2 numbers are
/// the extra cost of a hit on a replica whose L1 does not have the entry yet.
/// Run: <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- --filter '*CacheBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
public class CacheBenchmarks
{
    private readonly PredictionKey _key = new("echo", "1", new string('a', 64));
    private readonly byte[] _entryBody = JsonSerializer.SerializeToUtf8Bytes(new { prediction = true, probabilities = new { @true = 0.9123, @false = 0.0877 } });
    private string _db = "";
    private Process? _redisProcess;
    private SqlitePredictionStore _sqlite = null!;
    private RedisPredictionStore _redis = null!;
    private PredictionCache _memory = null!;
    private EchoModel _model = null!;
    private InferenceRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var entry = CacheEntryCodec.Encode(_key.ToString(), 200, _entryBody);
        _db = Path.Combine(Path.GetTempPath(), "lw-bench-" + Guid.NewGuid().ToString("N") + ".db");
        _sqlite = new SqlitePredictionStore(_db, TimeProvider.System, TimeSpan.Zero);
        _sqlite.SetAsync(_key, entry, TimeSpan.FromHours(1), default).AsTask().GetAwaiter().GetResult();
        var port = LoopbackBench.FreePort();
        _redisProcess = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no") { RedirectStandardOutput = true, UseShellExecute = false });
        Thread.Sleep(300);
        _redis = RedisPredictionStore.Connect($"127.0.0.1:{port}", "lw:bench:");
        _redis.SetAsync(_key, entry, TimeSpan.FromHours(1), default).AsTask().GetAwaiter().GetResult();
        _memory = new PredictionCache(Options.Create(new PredictionCacheOptions { Store = CacheStoreKind.Memory }), new LiftWingMetrics(), TimeProvider.System);
        _model = new EchoModel(new ModelConfig { Name = "echo", Server = "echo" });
        _request = new InferenceRequest { ModelName = "echo", Body = JsonDocument.Parse("{\"rev_id\":12345,\"lang\":\"en\"}").RootElement };
        var body = _entryBody;
        _ = _memory.GetOrComputeAsync(_model, _request, (_, _) => ValueTask.FromResult(InferenceResponse.FromUtf8(body)), default).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _redis.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sqlite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _redisProcess?.Kill();
        _redisProcess?.Dispose();
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" })
        {
            File.Delete(f);
        }
    }

    /// <summary>A full lookup that hits L1 (key built by the model, the response object wrapped).</summary>
    [Benchmark(Baseline = true)]
    public ValueTask<InferenceResponse> L1Hit() =>
        _memory.GetOrComputeAsync(_model, _request, static (_, _) => throw new InvalidOperationException("must hit"), CancellationToken.None);

    /// <summary>SQLite read of one entry plus decode.</summary>
    [Benchmark]
    public async Task<int> SqliteL2Hit() => Decode((await _sqlite.GetManyAsync([_key], default))[0]);

    /// <summary>Redis GET over loopback plus decode.</summary>
    [Benchmark]
    public async Task<int> RedisL2Hit() => Decode((await _redis.GetManyAsync([_key], default))[0]);

    private int Decode(byte[]? entry) =>
        CacheEntryCodec.TryDecode(_key.ToString(), entry!, out _, out var body) ? body.Length : throw new InvalidOperationException("miss");
}

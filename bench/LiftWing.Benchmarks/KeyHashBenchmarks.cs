using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using LiftWing.Core.Hashing;

namespace LiftWing.Benchmarks;

/// <summary>
/// A cache key's SHA-256: the platform's one-shot (OpenSSL) against <see cref="KeyHash"/> (managed below 1 KiB), at a
/// langid sentence's key length (60 bytes, two blocks), a short paragraph's and at the switch.
/// Run: <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- --filter '*KeyHash*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class KeyHashBenchmarks
{
    private readonly byte[] _digest = new byte[32];
    private byte[] _input = [];

    [Params(60, 300, 1000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = new byte[Length];
        new Random(21).NextBytes(_input);
    }

    [Benchmark(Baseline = true)]
    public int Platform() => SHA256.HashData(_input, _digest);

    [Benchmark]
    public int Managed()
    {
        KeyHash.Sha256(_input, _digest);
        return _digest[0];
    }
}

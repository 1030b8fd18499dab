using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using LiftWing.Core.Hashing;

namespace LiftWing.Benchmarks;

/// <summary>
/// A cache key's SHA-256: the platform's one-shot (OpenSSL) against the managed compression <see cref="KeyHash"/> uses
/// for one-block inputs, at one block (50 bytes), two (60, a langid sentence's key) and five (300).
/// Run: <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- --filter '*KeyHash*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class KeyHashBenchmarks
{
    private readonly byte[] _digest = new byte[32];
    private byte[] _input = [];

    [Params(50, 60, 300)]
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
        SmallSha256.Hash(_input, _digest);
        return _digest[0];
    }
}

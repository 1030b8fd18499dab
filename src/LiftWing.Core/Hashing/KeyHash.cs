using System.Security.Cryptography;

namespace LiftWing.Core.Hashing;

/// <summary>
/// SHA-256 for cache keys: the same digest as <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>, computed
/// in managed code for inputs of up to two blocks (a langid sentence's key is about 60 bytes), where the native call's
/// fixed cost is most of the work, and natively for longer ones, where OpenSSL's SHA instructions win. Profiled in the
/// server under load, the native one-shot cost 1.8 µs per 61-byte key against 0.9 µs here; in a tight single-threaded
/// loop (KeyHashBenchmarks) the two tie at two blocks and the native call wins from three.
/// </summary>
public static class KeyHash
{
    /// <summary>Inputs shorter than this (two blocks with their padding) are hashed in managed code.</summary>
    internal const int ManagedLimit = 120;

    /// <summary>Writes the SHA-256 digest of <paramref name="data"/> (32 bytes) to <paramref name="destination"/>.</summary>
    public static void Sha256(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (data.Length < ManagedLimit)
        {
            SmallSha256.Hash(data, destination);
        }
        else
        {
            SHA256.HashData(data, destination);
        }
    }

    /// <summary>The SHA-256 digest of <paramref name="data"/> as 64 lower-case hex digits.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Sha256(data, hash);
        return Convert.ToHexStringLower(hash);
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Gateway;

/// <summary>The configured admin keys (options plus key file), compared in constant time.</summary>
internal sealed class AdminKeys
{
    private readonly byte[][] _hashes;

    public AdminKeys(IOptions<AdminOptions> options)
    {
        _hashes = [.. Load(options.Value).Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))];
    }

    /// <summary>Whether any key is configured (without one, the admin plane answers loopback only).</summary>
    public bool Configured => _hashes.Length > 0;

    /// <summary>Whether <paramref name="presented"/> is one of the keys.</summary>
    public bool Matches(ReadOnlySpan<char> presented)
    {
        if (_hashes.Length == 0 || presented.IsEmpty || presented.Length > 1024)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[32];
        var bytes = Encoding.UTF8.GetBytes(presented.ToArray());
        SHA256.HashData(bytes, hash);
        var match = false;
        foreach (var h in _hashes)
        {
            // Hashing first makes the comparison length-independent; checking every key keeps the time flat.
            match |= CryptographicOperations.FixedTimeEquals(h, hash);
        }

        return match;
    }

    /// <summary>The keys from options and the key file.</summary>
    public static IReadOnlyList<string> Load(AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = options.Keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).ToList();
        if (options.KeyFile is { } file)
        {
            keys.AddRange(File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
        }

        return keys;
    }
}

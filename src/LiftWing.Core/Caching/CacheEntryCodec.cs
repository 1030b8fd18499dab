using System.Buffers.Binary;
using System.Text;

namespace LiftWing.Core.Caching;

/// <summary>
/// The stored form of a cached response: a small header, the full key (so an entry read under the wrong
/// key is detected), the response bytes as the model wrote them, and a 64-bit FNV-1a checksum over all of it.
/// A truncated, bit-flipped or foreign value fails <see cref="TryDecode"/> and is dropped, never served.
/// </summary>
/// <remarks>Layout: <c>"LW" 0x01 | u16 status | u32 keyLen | key UTF-8 | u32 bodyLen | body | u64 fnv1a</c>, little endian.</remarks>
public static class CacheEntryCodec
{
    private const byte FormatVersion = 1;
    private const int HeaderBytes = 3 + 2 + 4;

    /// <summary>Encodes an entry.</summary>
    public static byte[] Encode(string key, int statusCode, ReadOnlySpan<byte> body)
    {
        var keyLen = Encoding.UTF8.GetByteCount(key);
        var buffer = new byte[HeaderBytes + keyLen + 4 + body.Length + 8];
        var span = buffer.AsSpan();
        span[0] = (byte)'L';
        span[1] = (byte)'W';
        span[2] = FormatVersion;
        BinaryPrimitives.WriteUInt16LittleEndian(span[3..], (ushort)statusCode);
        BinaryPrimitives.WriteInt32LittleEndian(span[5..], keyLen);
        Encoding.UTF8.GetBytes(key, span.Slice(HeaderBytes, keyLen));
        var offset = HeaderBytes + keyLen;
        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], body.Length);
        body.CopyTo(span[(offset + 4)..]);
        var end = buffer.Length - 8;
        BinaryPrimitives.WriteUInt64LittleEndian(span[end..], Fnv1a(span[..end]));
        return buffer;
    }

    /// <summary>Decodes an entry stored under <paramref name="key"/>; false when it is corrupt or belongs to another key.</summary>
    public static bool TryDecode(string key, byte[] entry, out int statusCode, out ReadOnlyMemory<byte> body)
    {
        statusCode = 0;
        body = default;
        if (entry is null || entry.Length < HeaderBytes + 4 + 8 || entry[0] != 'L' || entry[1] != 'W' || entry[2] != FormatVersion)
        {
            return false;
        }

        var span = entry.AsSpan();
        var end = entry.Length - 8;
        if (BinaryPrimitives.ReadUInt64LittleEndian(span[end..]) != Fnv1a(span[..end]))
        {
            return false;
        }

        var keyLen = BinaryPrimitives.ReadInt32LittleEndian(span[5..]);
        if (keyLen < 0 || HeaderBytes + keyLen + 4 > end)
        {
            return false;
        }

        if (!Encoding.UTF8.GetString(span.Slice(HeaderBytes, keyLen)).Equals(key, StringComparison.Ordinal))
        {
            return false;
        }

        var offset = HeaderBytes + keyLen;
        var bodyLen = BinaryPrimitives.ReadInt32LittleEndian(span[offset..]);
        if (bodyLen < 0 || offset + 4 + bodyLen != end)
        {
            return false;
        }

        statusCode = BinaryPrimitives.ReadUInt16LittleEndian(span[3..]);
        body = entry.AsMemory(offset + 4, bodyLen);
        return true;
    }

    private static ulong Fnv1a(ReadOnlySpan<byte> data)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}

using System.IO.Compression;
using System.Text;

namespace LiftWing.Tests.Common;

/// <summary>Images made on the fly for limit tests.</summary>
public static class TestImages
{
    /// <summary>
    /// A valid 1-bit greyscale PNG of <paramref name="width"/>×<paramref name="height"/> pixels, all black, that
    /// compresses to a few dozen kB (20000×20000: about 49 kB): a decompression bomb that would need 1.6 GB as RGBA.
    /// </summary>
    public static byte[] DecompressionBombPng(int width = 20_000, int height = 20_000)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        WriteBigEndian(ihdr, 0, (uint)width);
        WriteBigEndian(ihdr, 4, (uint)height);
        ihdr[8] = 1; // bit depth
        ihdr[9] = 0; // greyscale
        WriteChunk(png, "IHDR", ihdr);
        using var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + ((width + 7) / 8)]; // filter byte 0 + packed zero bits
            for (var y = 0; y < height; y++)
            {
                z.Write(row);
            }
        }

        WriteChunk(png, "IDAT", idat.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// A valid 8-bit RGB PNG of random pixels, stored without compression, so its size is about 3 × width × height
    /// bytes (1182 × 1182: 4,192,9xx bytes, just under Lift Wing's 4 MiB image limit). Deterministic per seed.
    /// </summary>
    public static byte[] NoisePng(int width, int height, int seed)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        WriteBigEndian(ihdr, 0, (uint)width);
        WriteBigEndian(ihdr, 4, (uint)height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        WriteChunk(png, "IHDR", ihdr);
        var random = new Random(seed);
        using var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.NoCompression, leaveOpen: true))
        {
            var row = new byte[1 + (3 * width)];
            for (var y = 0; y < height; y++)
            {
                random.NextBytes(row.AsSpan(1));
                z.Write(row);
            }
        }

        WriteChunk(png, "IDAT", idat.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        var header = new byte[8];
        WriteBigEndian(header, 0, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, 0, 4, header, 4);
        s.Write(header);
        s.Write(data);
        var crc = Crc32(header.AsSpan(4, 4), data);
        var tail = new byte[4];
        WriteBigEndian(tail, 0, crc);
        s.Write(tail);
    }

    private static void WriteBigEndian(byte[] b, int offset, uint v)
    {
        b[offset] = (byte)(v >> 24);
        b[offset + 1] = (byte)(v >> 16);
        b[offset + 2] = (byte)(v >> 8);
        b[offset + 3] = (byte)v;
    }

    private static uint Crc32(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var part in new[] { type.ToArray(), data.ToArray() })
        {
            foreach (var b in part)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
                }
            }
        }

        return ~crc;
    }
}

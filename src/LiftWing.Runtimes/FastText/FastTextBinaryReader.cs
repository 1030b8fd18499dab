using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace LiftWing.Runtimes.FastText;

/// <summary>
/// Little-endian reads with fastText's types. Every read names what it was reading, so a truncated file is a
/// <see cref="FastTextFormatException"/> that says where, and sizes are checked against the bytes left
/// before anything is allocated, so a corrupt header cannot ask for gigabytes.
/// </summary>
internal sealed class FastTextBinaryReader(Stream stream)
{
    private readonly Stream _stream = stream;
    private readonly byte[] _scratch = new byte[8];
    private long _position;

    /// <summary>Bytes read so far.</summary>
    public long Position => _position;

    /// <summary>Bytes left, or null when the stream cannot tell.</summary>
    public long? Remaining => _stream.CanSeek ? _stream.Length - _stream.Position : null;

    public int ReadInt32(string what)
    {
        Fill(_scratch.AsSpan(0, 4), what);
        return BinaryPrimitives.ReadInt32LittleEndian(_scratch);
    }

    public long ReadInt64(string what)
    {
        Fill(_scratch.AsSpan(0, 8), what);
        return BinaryPrimitives.ReadInt64LittleEndian(_scratch);
    }

    public double ReadDouble(string what)
    {
        Fill(_scratch.AsSpan(0, 8), what);
        return BinaryPrimitives.ReadDoubleLittleEndian(_scratch);
    }

    public byte ReadByte(string what)
    {
        Fill(_scratch.AsSpan(0, 1), what);
        return _scratch[0];
    }

    public bool ReadBool(string what) => ReadByte(what) != 0;

    /// <summary>Reads a NUL-terminated UTF-8 string of at most <paramref name="maxBytes"/> bytes.</summary>
    public byte[] ReadCString(string what, int maxBytes)
    {
        var buffer = new List<byte>(16);
        while (true)
        {
            var b = _stream.ReadByte();
            if (b < 0)
            {
                throw Truncated(what);
            }

            _position++;
            if (b == 0)
            {
                return [.. buffer];
            }

            if (buffer.Count >= maxBytes)
            {
                throw new FastTextFormatException($"fastText model: {what} is longer than {maxBytes} bytes at offset {_position} (corrupt dictionary?).");
            }

            buffer.Add((byte)b);
        }
    }

    public byte[] ReadBytes(long count, string what)
    {
        EnsureAvailable(count, 1, what);
        var data = new byte[count];
        Fill(data, what);
        return data;
    }

    public float[] ReadFloats(long count, string what)
    {
        EnsureAvailable(count, sizeof(float), what);
        var data = new float[count];
        Fill(MemoryMarshal.AsBytes(data.AsSpan()), what);
        if (!BitConverter.IsLittleEndian)
        {
            var ints = MemoryMarshal.Cast<float, int>(data.AsSpan());
            BinaryPrimitives.ReverseEndianness(ints, ints);
        }

        return data;
    }

    /// <summary>Refuses a count that cannot fit in the bytes left (or in an array).</summary>
    public void EnsureAvailable(long count, long bytesPerItem, string what)
    {
        if (count < 0 || count > Array.MaxLength)
        {
            throw new FastTextFormatException($"fastText model: {what} has an invalid size {count} at offset {_position}.");
        }

        if (Remaining is { } left && count * bytesPerItem > left)
        {
            throw new FastTextFormatException(
                $"fastText model is truncated: {what} needs {count * bytesPerItem} bytes at offset {_position}, {left} left.");
        }
    }

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private void Fill(Span<byte> buffer, string what)
    {
        try
        {
            _stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException ex)
        {
            throw Truncated(what, ex);
        }

        _position += buffer.Length;
    }

    private FastTextFormatException Truncated(string what, Exception? inner = null) =>
        new($"fastText model is truncated: unexpected end of file at offset {_position} while reading {what}.", inner);
}

using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using LiftWing.Core.Errors;

namespace LiftWing.Models.LogoDetection;

/// <summary>
/// Decodes an instance's base64 <c>image</c> with strict validation. The decoded size is computed from the raw
/// JSON text first, so an image over the limit is refused without allocating its bytes or even its string.
/// </summary>
public static class Base64Image
{
    /// <summary>The Lift Wing message for an image over the size limit.</summary>
    public static string TooLarge(string filename, long max) =>
        $"Image: {filename}                 exceeds the maximum allowed size of {max} bytes.";

    /// <summary>Decodes, or throws <see cref="InvalidInputException"/> naming the file.</summary>
    public static byte[] Decode(string filename, JsonElement image, long maxBytes)
    {
        var raw = JsonMarshal.GetRawUtf8Value(image); // includes the quotes; escapes not yet undone
        var inner = raw.Length >= 2 ? raw[1..^1] : raw;
        if (inner.IndexOf((byte)'\\') < 0)
        {
            var size = DecodedLength(inner);
            if (size > maxBytes)
            {
                throw new InvalidInputException(TooLarge(filename, maxBytes));
            }
        }
        else if ((long)inner.Length * 3 / 4 > maxBytes * 2)
        {
            // Escaped text (e.g. "\u002B" for '+') is longer than its value; even so, this is far over the limit.
            throw new InvalidInputException(TooLarge(filename, maxBytes));
        }

        var text = image.GetString()!;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(int.MaxValue - 64, (text.Length * 3L / 4) + 3));
        try
        {
            if (!Convert.TryFromBase64String(text, buffer, out var written))
            {
                throw new InvalidInputException($"Error decoding image {filename}: Invalid base64-encoded string.");
            }

            if (written > maxBytes)
            {
                throw new InvalidInputException(TooLarge(filename, maxBytes));
            }

            if (written == 0)
            {
                throw new InvalidInputException($"Error decoding image {filename}: the image is empty.");
            }

            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Decoded byte count of base64 text, ignoring whitespace and padding; no allocation.
    private static long DecodedLength(ReadOnlySpan<byte> text)
    {
        long chars = 0;
        foreach (var c in text)
        {
            if (c is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'='))
            {
                chars++;
            }
        }

        return chars * 3 / 4;
    }
}

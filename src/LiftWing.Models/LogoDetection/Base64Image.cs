using System.Buffers;
using System.Buffers.Text;
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

    /// <summary>Throws the size error when the image's decoded size, counted on its JSON text, is over the limit.</summary>
    public static void CheckSize(string filename, JsonElement image, long maxBytes)
    {
        var raw = JsonMarshal.GetRawUtf8Value(image); // includes the quotes; JSON escapes not yet undone
        if (DecodedLength(raw.Length >= 2 ? raw[1..^1] : raw) > maxBytes)
        {
            throw new InvalidInputException(TooLarge(filename, maxBytes));
        }
    }

    /// <summary>Decodes, or throws <see cref="InvalidInputException"/> naming the file.</summary>
    public static byte[] Decode(string filename, JsonElement image, long maxBytes)
    {
        CheckSize(filename, image, maxBytes);

        var raw = JsonMarshal.GetRawUtf8Value(image);
        raw = raw.Length >= 2 ? raw[1..^1] : raw;
        // Plain base64 (no JSON escapes, no whitespace: what encoders write) decodes straight from the request's UTF-8,
        // without a UTF-16 copy of a text that can be 5.6 million characters; anything else takes the string path.
        if (raw.IndexOfAny(s_notPlain) < 0)
        {
            var exact = new byte[Base64.GetMaxDecodedFromUtf8Length(raw.Length)];
            var status = Base64.DecodeFromUtf8(raw, exact, out _, out var decoded);
            if (status != OperationStatus.Done)
            {
                throw new InvalidInputException($"Error decoding image {filename}: Invalid base64-encoded string.");
            }

            if (decoded == 0)
            {
                throw Empty(filename);
            }

            return decoded == exact.Length ? exact : exact.AsSpan(0, decoded).ToArray();
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
                throw Empty(filename);
            }

            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static readonly SearchValues<byte> s_notPlain = SearchValues.Create("\\ \t\r\n"u8);

    private static InvalidInputException Empty(string filename) => new($"Error decoding image {filename}: the image is empty.");

    // Decoded byte count of base64 text as it stands in the JSON (escapes such as "\u002B" for '+', which
    // System.Text.Json writes by default, count as one character), ignoring whitespace and padding; no allocation.
    private static long DecodedLength(ReadOnlySpan<byte> json)
    {
        long chars = 0;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (c == (byte)'\\' && i + 1 < json.Length)
            {
                if (json[i + 1] == (byte)'u' && i + 5 < json.Length)
                {
                    c = System.Buffers.Text.Utf8Parser.TryParse(json.Slice(i + 2, 4), out ushort code, out _, 'X') && code < 128 ? (byte)code : (byte)'?';
                    i += 5;
                }
                else
                {
                    c = json[i + 1] switch { (byte)'n' => (byte)'\n', (byte)'r' => (byte)'\r', (byte)'t' => (byte)'\t', var e => e };
                    i += 1;
                }
            }

            if (c is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'='))
            {
                chars++;
            }
        }

        return chars * 3 / 4;
    }
}

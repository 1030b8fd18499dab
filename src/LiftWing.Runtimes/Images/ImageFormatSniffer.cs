namespace LiftWing.Runtimes.Images;

/// <summary>
/// Recognises an image format from its first bytes. The file name's extension is never trusted: a text file
/// named <c>.png</c> is <see cref="ImageFormat.Unknown"/>, and the decoder is never handed bytes it was not meant for.
/// </summary>
internal static class ImageFormatSniffer
{
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format of the encoded bytes, or <see cref="ImageFormat.Unknown"/>.</summary>
    public static ImageFormat Sniff(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }

        if (data.StartsWith(PngMagic))
        {
            return ImageFormat.Png;
        }

        if (data.Length >= 6 && (data[..6].SequenceEqual("GIF87a"u8) || data[..6].SequenceEqual("GIF89a"u8)))
        {
            return ImageFormat.Gif;
        }

        // BMP: "BM", then a little-endian file size and a header size we can sanity-check (12..124 bytes).
        if (data.Length >= 18 && data[0] == (byte)'B' && data[1] == (byte)'M')
        {
            var dibHeader = BitConverter.ToInt32(data.Slice(14, 4));
            if (dibHeader is >= 12 and <= 124)
            {
                return ImageFormat.Bmp;
            }
        }

        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return ImageFormat.WebP;
        }

        return ImageFormat.Unknown;
    }
}

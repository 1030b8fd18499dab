using SkiaSharp;

namespace LiftWing.Runtimes.Images;

/// <summary>
/// Turns encoded image bytes into a planar BGR float tensor (values 0–255) of a fixed square size, the input of
/// the ResNet18 featurizer.
/// <list type="bullet">
/// <item>The format is sniffed from magic bytes; only JPEG, PNG, GIF (first frame), BMP and WebP are decoded.</item>
/// <item>Width, height and pixel count come from the header (<see cref="SKCodec.Info"/>) and are checked against
/// <see cref="ImageLimitsOptions"/> before a pixel buffer is allocated, so a decompression bomb costs a header parse.</item>
/// <item>JPEG and WebP are decoded at the smallest codec scale that keeps both sides ≥ the target (DCT scaling: faster, less memory).</item>
/// <item>The image is resized to size×size with bilinear filtering, aspect ratio not kept, like Keras'
/// <c>image_dataset_from_directory(image_size=(224, 224))</c> in Lift Wing.</item>
/// <item><b>Alpha</b>: pixels are decoded premultiplied, resized premultiplied (so transparent pixels do not bleed
/// their hidden colour into edges), then composited over <b>white</b>. Logos are very often transparent PNGs shown
/// on white pages; Keras instead drops alpha and keeps whatever RGB the transparent pixels store (often black),
/// which makes the same logo look different depending on the encoder. Training and serving share this code.</item>
/// </list>
/// </summary>
public static class ImageTensorizer
{
    /// <summary>The side of the square tensor the ResNet18 featurizer takes.</summary>
    public const int DefaultSize = 224;

    /// <summary>Reads only the header: the format and declared size, checked against the limits. Throws <see cref="ImageDecodeException"/>.</summary>
    public static (ImageFormat Format, int Width, int Height) Probe(ReadOnlySpan<byte> encoded, ImageLimitsOptions limits)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = OpenChecked(encoded, data, limits, out var format);
        return (format, codec.Info.Width, codec.Info.Height);
    }

    /// <summary>
    /// Decodes <paramref name="encoded"/> into <paramref name="destination"/> (3 × size × size floats, planes B, G, R, 0–255).
    /// Throws <see cref="ImageDecodeException"/> with a message fit for the caller.
    /// </summary>
    public static void DecodeInto(ReadOnlySpan<byte> encoded, ImageLimitsOptions limits, Span<float> destination, int size = DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (destination.Length != 3 * size * size)
        {
            throw new ArgumentException($"destination must hold 3×{size}×{size} floats.", nameof(destination));
        }

        using var data = SKData.CreateCopy(encoded);
        using var codec = OpenChecked(encoded, data, limits, out _);
        var width = codec.Info.Width;
        var height = codec.Info.Height;

        // Ask the codec for a reduced decode (JPEG/WebP support it; others return the full size).
        var scale = Math.Min(1f, Math.Max((float)size / width, (float)size / height));
        var dims = scale < 1f ? codec.GetScaledDimensions(scale) : new SKSizeI(width, height);
        if (dims.Width < 1 || dims.Height < 1)
        {
            dims = new SKSizeI(width, height);
        }

        var info = new SKImageInfo(dims.Width, dims.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap();
        if (!decoded.TryAllocPixels(info))
        {
            throw new ImageDecodeException($"could not allocate {dims.Width}x{dims.Height} pixels.");
        }

        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            throw new ImageDecodeException(result == SKCodecResult.IncompleteInput
                ? "the image data is truncated."
                : $"the {FormatName(codec.EncodedFormat)} data could not be decoded ({result}).");
        }

        using var resized = dims.Width == size && dims.Height == size
            ? decoded.Copy()
            : decoded.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        if (resized is null)
        {
            throw new ImageDecodeException("the image could not be resized.");
        }

        WriteBgrOverWhite(resized.GetPixelSpan(), destination, size * size);
    }

    // Premultiplied RGBA → planar B, G, R over white: c' = c + (255 − a).
    private static void WriteBgrOverWhite(ReadOnlySpan<byte> rgba, Span<float> destination, int plane)
    {
        var b = destination[..plane];
        var g = destination.Slice(plane, plane);
        var r = destination.Slice(2 * plane, plane);
        for (var i = 0; i < plane; i++)
        {
            var p = rgba.Slice(i * 4, 4);
            var white = 255 - p[3];
            r[i] = p[0] + white;
            g[i] = p[1] + white;
            b[i] = p[2] + white;
        }
    }

    private static SKCodec OpenChecked(ReadOnlySpan<byte> encoded, SKData data, ImageLimitsOptions limits, out ImageFormat format)
    {
        format = ImageFormatSniffer.Sniff(encoded);
        if (format == ImageFormat.Unknown)
        {
            throw new ImageDecodeException("not a JPEG, PNG, GIF, BMP or WebP image.");
        }

        if (encoded.Length > limits.MaxImageBytes)
        {
            throw new ImageDecodeException($"the image has {encoded.Length} bytes, more than the limit of {limits.MaxImageBytes}.");
        }

        // SKCodec.Create parses the header only; pixels are decoded later by GetPixels.
        var codec = SKCodec.Create(new SKMemoryStream(data), out var createResult)
            ?? throw new ImageDecodeException($"the {format} header could not be read ({createResult}).");
        var width = codec.Info.Width;
        var height = codec.Info.Height;
        if (width <= 0 || height <= 0 || width > limits.MaxDimension || height > limits.MaxDimension || (long)width * height > limits.MaxPixels)
        {
            codec.Dispose();
            throw new ImageDecodeException($"the image is {width}x{height} pixels; the limits are {limits.MaxDimension} per side and {limits.MaxPixels} in all.");
        }

        return codec;
    }

    private static string FormatName(SKEncodedImageFormat format) => format.ToString().ToUpperInvariant();
}

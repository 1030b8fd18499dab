using LiftWing.Runtimes.Images;
using LiftWing.Tests.Common;
using SkiaSharp;

namespace LiftWing.Runtimes.Tests.Images;

public sealed class ImageTensorizerTests
{
    private const int Plane = 224 * 224;

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, ImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg, ImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp, ImageFormat.WebP)]
    public void Sniff_EncodedBySkia_RecognisesFormat(SKEncodedImageFormat encoded, ImageFormat expected) =>
        Assert.Equal(expected, ImageFormatSniffer.Sniff(Solid(40, 30, new SKColor(10, 20, 30), encoded)));

    [Fact]
    public void Sniff_GifBmpAndText_ByMagicBytesOnly()
    {
        Assert.Equal(ImageFormat.Gif, ImageFormatSniffer.Sniff("GIF89a\x01\x00\x01\x00"u8));
        var bmp = new byte[54];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        bmp[14] = 40;
        Assert.Equal(ImageFormat.Bmp, ImageFormatSniffer.Sniff(bmp));
        Assert.Equal(ImageFormat.Unknown, ImageFormatSniffer.Sniff("BM is not enough"u8));
        Assert.Equal(ImageFormat.Unknown, ImageFormatSniffer.Sniff("<svg xmlns=...>"u8));
        Assert.Equal(ImageFormat.Unknown, ImageFormatSniffer.Sniff([]));
    }

    [Fact]
    public void DecodeInto_SolidRed_PlanesAreBgr()
    {
        var tensor = new float[3 * Plane];
        ImageTensorizer.DecodeInto(Solid(300, 100, new SKColor(255, 0, 0), SKEncodedImageFormat.Png), new ImageLimitsOptions(), tensor);
        Assert.All(tensor.AsSpan(0, Plane).ToArray(), v => Assert.Equal(0f, v));             // B
        Assert.All(tensor.AsSpan(Plane, Plane).ToArray(), v => Assert.Equal(0f, v));         // G
        Assert.All(tensor.AsSpan(2 * Plane, Plane).ToArray(), v => Assert.Equal(255f, v));   // R
    }

    [Fact]
    public void DecodeInto_FullyTransparentBlack_CompositedOverWhite()
    {
        var tensor = new float[3 * Plane];
        ImageTensorizer.DecodeInto(Solid(64, 64, new SKColor(0, 0, 0, 0), SKEncodedImageFormat.Png), new ImageLimitsOptions(), tensor);
        Assert.All(tensor, v => Assert.Equal(255f, v));
    }

    [Fact]
    public void DecodeInto_HalfTransparentBlue_BlendsWithWhite()
    {
        var tensor = new float[3 * Plane];
        ImageTensorizer.DecodeInto(Solid(64, 64, new SKColor(0, 0, 255, 128), SKEncodedImageFormat.Png), new ImageLimitsOptions(), tensor);
        Assert.InRange(tensor[0], 254f, 255f);           // B stays full
        Assert.InRange(tensor[Plane], 126f, 128f);       // G = 255 − 128
        Assert.InRange(tensor[2 * Plane], 126f, 128f);   // R = 255 − 128
    }

    [Fact]
    public void DecodeInto_LargeJpeg_UsesReducedDecodeAndStillFills224()
    {
        var tensor = new float[3 * Plane];
        ImageTensorizer.DecodeInto(Solid(2000, 1500, new SKColor(0, 128, 0), SKEncodedImageFormat.Jpeg), new ImageLimitsOptions(), tensor);
        Assert.InRange(tensor[Plane + (Plane / 2)], 120f, 136f);
    }

    [Fact]
    public void Probe_DecompressionBomb_RefusedFromHeaderWithoutDecoding()
    {
        var bomb = TestImages.DecompressionBombPng();
        var destination = new float[3 * Plane];
        var limits = new ImageLimitsOptions();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ImageDecodeException>(() => ImageTensorizer.DecodeInto(bomb, limits, destination));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("20000x20000", ex.Message);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Probe_LimitsFromOptions_Applied()
    {
        var png = Solid(300, 200, SKColors.Gray, SKEncodedImageFormat.Png);
        Assert.Equal((ImageFormat.Png, 300, 200), ImageTensorizer.Probe(png, new ImageLimitsOptions()));
        Assert.Throws<ImageDecodeException>(() => ImageTensorizer.Probe(png, new ImageLimitsOptions { MaxDimension = 299 }));
        Assert.Throws<ImageDecodeException>(() => ImageTensorizer.Probe(png, new ImageLimitsOptions { MaxPixels = 59_999 }));
        Assert.Throws<ImageDecodeException>(() => ImageTensorizer.Probe(png, new ImageLimitsOptions { MaxImageBytes = png.Length - 1 }));
    }

    [Fact]
    public void DecodeInto_CorruptPng_ImageDecodeException()
    {
        var png = Solid(300, 200, SKColors.Gray, SKEncodedImageFormat.Png);
        var broken = png[..40].Concat(new byte[200]).ToArray();
        Assert.Throws<ImageDecodeException>(() => ImageTensorizer.DecodeInto(broken, new ImageLimitsOptions(), new float[3 * Plane]));
    }

    internal static byte[] Solid(int width, int height, SKColor color, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        return data.ToArray();
    }
}

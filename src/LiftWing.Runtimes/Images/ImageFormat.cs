namespace LiftWing.Runtimes.Images;

/// <summary>The encoded image formats the pipeline accepts, recognised by their magic bytes.</summary>
public enum ImageFormat
{
    /// <summary>Not a recognised image.</summary>
    Unknown,

    /// <summary>JPEG (FF D8 FF).</summary>
    Jpeg,

    /// <summary>PNG (89 50 4E 47 0D 0A 1A 0A).</summary>
    Png,

    /// <summary>GIF87a / GIF89a (the first frame is used).</summary>
    Gif,

    /// <summary>Windows bitmap (BM).</summary>
    Bmp,

    /// <summary>WebP (RIFF....WEBP).</summary>
    WebP,
}

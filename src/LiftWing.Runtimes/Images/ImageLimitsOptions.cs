using System.ComponentModel.DataAnnotations;

namespace LiftWing.Runtimes.Images;

/// <summary>
/// Limits checked before any pixel is decoded, so hostile input costs at most a header parse. Bound from the
/// model's <c>options</c> in model.yaml (snake_case keys: <c>max_images</c>, <c>max_image_bytes</c>, <c>max_pixels</c>,
/// <c>max_dimension</c>). Defined here once: an image model's options class derives from it, so the keys, defaults and
/// validation are the same for every model that decodes images.
/// </summary>
public class ImageLimitsOptions
{
    /// <summary>The most images one request may hold. The default is 50 (Lift Wing's <c>IMAGES_MAX_NUM</c>).</summary>
    [Range(1, 10_000)]
    public int MaxImages { get; set; } = 50;

    /// <summary>The most encoded bytes one image may have after base64 decoding. The default is 4 MiB (Lift Wing's <c>IMAGE_MAX_SIZE</c>).</summary>
    [Range(typeof(long), "1", "9223372036854775807")]
    public long MaxImageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// The most pixels (width × height, read from the header) an image may declare. A 20000×20000 PNG of a few
    /// dozen kB would otherwise need 1.6 GB of RGBA. The default, 25 megapixels, admits every photo a 4 MiB
    /// JPEG realistically holds and caps one decode at 100 MB. JPEG and WebP are decoded at a reduced scale
    /// when the codec supports it, so they usually need far less.
    /// </summary>
    [Range(typeof(long), "1", "9223372036854775807")]
    public long MaxPixels { get; set; } = 25_000_000;

    /// <summary>The longest side an image may declare. The default is 30000 pixels.</summary>
    [Range(1, int.MaxValue)]
    public int MaxDimension { get; set; } = 30_000;
}

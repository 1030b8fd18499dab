using System.ComponentModel.DataAnnotations;
using LiftWing.Runtimes.Images;

namespace LiftWing.Models.LogoDetection;

/// <summary>The <c>options</c> of a logo-detection model.yaml (snake_case keys); every limit has Lift Wing's default.</summary>
public sealed class LogoDetectionOptions
{
    /// <summary>The most instances per request. The default is 50 (Lift Wing's <c>IMAGES_MAX_NUM</c>).</summary>
    [Range(1, 10_000)]
    public int MaxImages { get; init; } = 50;

    /// <summary>The most bytes of one image after base64 decoding. The default is 4 MiB (Lift Wing's <c>IMAGE_MAX_SIZE</c>).</summary>
    [Range(typeof(long), "1", "9223372036854775807")]
    public long MaxImageBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The most pixels an image header may declare (see <see cref="ImageLimitsOptions.MaxPixels"/>). The default is 25,000,000.</summary>
    [Range(typeof(long), "1", "9223372036854775807")]
    public long MaxPixels { get; init; } = 25_000_000;

    /// <summary>The longest side an image header may declare. The default is 30,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxDimension { get; init; } = 30_000;

    /// <summary>
    /// Images per network run: Lift Wing's <c>BATCH_SIZE</c> (Keras batches of 32). A request's images run in chunks of
    /// this size, which bounds the network's activation memory for a 50-image request. The default is 32.
    /// </summary>
    [Range(1, 10_000)]
    public int BatchSize { get; init; } = 32;

    /// <summary>ONNX Runtime intra-op threads; 0 = one per core. The default is 0.</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; init; }

    /// <summary>Downloads for <c>url</c> instances.</summary>
    public ImageUrlOptions Url { get; init; } = new();

    /// <summary>The image limits in the shape the tensorizer takes.</summary>
    public ImageLimitsOptions ToImageLimits() => new()
    {
        MaxImages = MaxImages,
        MaxImageBytes = MaxImageBytes,
        MaxPixels = MaxPixels,
        MaxDimension = MaxDimension,
    };
}

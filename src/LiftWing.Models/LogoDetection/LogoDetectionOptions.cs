using System.ComponentModel.DataAnnotations;
using LiftWing.Runtimes.Images;

namespace LiftWing.Models.LogoDetection;

/// <summary>
/// The <c>options</c> of a logo-detection model.yaml (snake_case keys): the image limits of <see cref="ImageLimitsOptions"/>
/// (Lift Wing's defaults), the ONNX threads and the URL downloads.
/// </summary>
internal sealed class LogoDetectionOptions : ImageLimitsOptions
{
    /// <summary>
    /// Images per network run: Lift Wing's <c>BATCH_SIZE</c> (Keras batches of 32). A request's images run in chunks of
    /// this size (and of at most 8 per ONNX call, so that a cancelled request stops within one short run), which bounds
    /// the network's activation memory for a 50-image request. The default is 32.
    /// </summary>
    [Range(1, 10_000)]
    public int BatchSize { get; init; } = 32;

    /// <summary>ONNX Runtime intra-op threads; 0 = one per processor the process may use, threads not pinned to cores. The default is 0.</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; init; }

    /// <summary>
    /// Let ONNX Runtime's intra-op threads spin between convolutions while a run is in progress (never between
    /// requests). The default is false.
    /// </summary>
    public bool IntraOpSpinning { get; init; }

    /// <summary>Downloads for <c>url</c> instances.</summary>
    public ImageUrlOptions Url { get; init; } = new();
}

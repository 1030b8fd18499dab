using System.ComponentModel.DataAnnotations;
using LiftWing.Runtimes.Images;

namespace LiftWing.Models.LogoDetection;

/// <summary>
/// The <c>options</c> of a logo-detection model.yaml (snake_case keys): the image limits of <see cref="ImageLimitsOptions"/>
/// (Lift Wing's defaults), the ONNX threads and the URL downloads.
/// </summary>
public sealed class LogoDetectionOptions : ImageLimitsOptions
{
    /// <summary>ONNX Runtime intra-op threads; 0 = one per core. The default is 0.</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; init; }

    /// <summary>Downloads for <c>url</c> instances.</summary>
    public ImageUrlOptions Url { get; init; } = new();
}

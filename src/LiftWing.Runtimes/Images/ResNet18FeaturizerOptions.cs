namespace LiftWing.Runtimes.Images;

/// <summary>How the ResNet18 featurizer runs.</summary>
public sealed class ResNet18FeaturizerOptions
{
    /// <summary>ONNX Runtime intra-op threads; 0 is one per processor (<see cref="Onnx.OnnxSessionOptions.ResolveIntraOpThreads"/>). The default is 0.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Let the intra-op threads spin between convolutions while a run is in progress (never between runs); see
    /// <see cref="Onnx.OnnxSessionOptions.AllowSpinning"/>. The default is false.
    /// </summary>
    public bool AllowSpinning { get; set; }

    /// <summary>The most images sent to the network in one run; larger requests are split. The default is 50.</summary>
    public int MaxBatch { get; set; } = 50;
}

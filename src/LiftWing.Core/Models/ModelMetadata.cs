namespace LiftWing.Core.Models;

/// <summary>What V2 <c>GET /v2/models/{name}</c> reports about a model's signature.</summary>
public sealed record ModelMetadata
{
    /// <summary>The runtime, e.g. <c>onnxruntime</c>, <c>fasttext</c>, <c>liftwing</c>.</summary>
    public string Platform { get; init; } = "liftwing";

    /// <summary>Input tensors; empty for JSON-only (V1) models.</summary>
    public IReadOnlyList<TensorSpec> Inputs { get; init; } = [];

    /// <summary>Output tensors; empty for JSON-only (V1) models.</summary>
    public IReadOnlyList<TensorSpec> Outputs { get; init; } = [];
}

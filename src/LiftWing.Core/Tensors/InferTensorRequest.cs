namespace LiftWing.Core.Tensors;

/// <summary>A decoded V2 (Open Inference Protocol) infer request.</summary>
public sealed class InferTensorRequest
{
    /// <summary>The request id, echoed in the response.</summary>
    public string? Id { get; init; }

    /// <summary>Request parameters.</summary>
    public IReadOnlyDictionary<string, object?>? Parameters { get; init; }

    /// <summary>The input tensors.</summary>
    public required IReadOnlyList<TensorData> Inputs { get; init; }

    /// <summary>Names of the outputs requested; null means all.</summary>
    public IReadOnlyList<string>? Outputs { get; init; }

    /// <summary>Parameters of the requested outputs by name (e.g. <c>binary_data</c>), when any were given.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>? OutputParameters { get; init; }
}

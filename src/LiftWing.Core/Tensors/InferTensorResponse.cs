namespace LiftWing.Core.Tensors;

/// <summary>A V2 infer response before encoding.</summary>
public sealed class InferTensorResponse
{
    /// <summary>The model name.</summary>
    public required string ModelName { get; init; }

    /// <summary>The model version.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>The request id, echoed.</summary>
    public string? Id { get; init; }

    /// <summary>Response parameters.</summary>
    public IReadOnlyDictionary<string, object?>? Parameters { get; init; }

    /// <summary>The output tensors.</summary>
    public required IReadOnlyList<TensorData> Outputs { get; init; }
}

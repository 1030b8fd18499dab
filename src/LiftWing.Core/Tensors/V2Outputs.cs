using LiftWing.Core.Errors;

namespace LiftWing.Core.Tensors;

/// <summary>Applies a V2 request's <c>outputs</c> list to a model's outputs.</summary>
public static class V2Outputs
{
    /// <summary>The requested outputs in request order (all when none were requested); an unknown name is a 400.</summary>
    public static IReadOnlyList<TensorData> Select(IReadOnlyList<TensorData> all, IReadOnlyList<string>? requested)
    {
        ArgumentNullException.ThrowIfNull(all);
        if (requested is null || requested.Count == 0)
        {
            return all;
        }

        var result = new List<TensorData>(requested.Count);
        foreach (var name in requested)
        {
            result.Add(all.FirstOrDefault(t => t.Name == name)
                ?? throw new InvalidInputException($"Requested output '{name}' does not exist (outputs: {string.Join(", ", all.Select(t => t.Name))})."));
        }

        return result;
    }

    /// <summary>A response with only the requested outputs and the request id echoed.</summary>
    public static InferTensorResponse Apply(InferTensorResponse response, InferTensorRequest request)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(request);
        return new InferTensorResponse
        {
            ModelName = response.ModelName,
            ModelVersion = response.ModelVersion,
            Id = request.Id ?? response.Id,
            Parameters = response.Parameters,
            Outputs = Select(response.Outputs, request.Outputs),
        };
    }
}

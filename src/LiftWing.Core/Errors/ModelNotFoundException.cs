namespace LiftWing.Core.Errors;

/// <summary>No model of that name: 404 with KServe's exact message.</summary>
public sealed class ModelNotFoundException(string modelName)
    : LiftWingException(ErrorKind.NotFound, $"Model with name {modelName} does not exist.")
{
    /// <summary>The model name from the request.</summary>
    public string ModelName { get; } = modelName;
}

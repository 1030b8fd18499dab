namespace LiftWing.Core.Errors;

/// <summary>The model exists but is not ready: 503 with KServe's exact message.</summary>
public sealed class ModelNotReadyException(string modelName)
    : LiftWingException(ErrorKind.Unavailable, $"Model with name {modelName} is not ready.")
{
    /// <summary>The model name from the request.</summary>
    public string ModelName { get; } = modelName;
}

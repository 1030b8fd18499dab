namespace LiftWing.Core.Errors;

/// <summary>
/// The model exists but is not ready: 503 with KServe's exact message, plus KServe's detail when there is one
/// (a failed load: <c>Model with name X is not ready. &lt;why&gt;</c>).
/// </summary>
public sealed class ModelNotReadyException(string modelName, string? detail = null)
    : LiftWingException(ErrorKind.Unavailable, $"Model with name {modelName} is not ready." + (string.IsNullOrEmpty(detail) ? "" : " " + detail))
{
    /// <summary>The model name from the request.</summary>
    public string ModelName { get; } = modelName;
}

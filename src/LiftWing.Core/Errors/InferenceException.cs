namespace LiftWing.Core.Errors;

/// <summary>The model failed while computing: 500 (KServe <c>InferenceError</c>).</summary>
public sealed class InferenceException(string message, Exception? inner = null)
    : LiftWingException(500, message, inner);

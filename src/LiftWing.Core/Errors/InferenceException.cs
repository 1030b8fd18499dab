namespace LiftWing.Core.Errors;

/// <summary>
/// The model failed while computing: 500 (KServe <c>InferenceError</c>). With <see cref="ErrorKind.Internal"/> the client
/// sees the message (Lift Wing's texts); with <see cref="ErrorKind.Unexpected"/> only <c>Internal server error</c>.
/// </summary>
public sealed class InferenceException(string message, Exception? inner = null, ErrorKind kind = ErrorKind.Internal)
    : LiftWingException(kind, message, inner)
{
    /// <summary>Wraps an exception that no model expected (a bug): logged in full, hidden from the client.</summary>
    public static InferenceException Unexpected(Exception inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return new InferenceException($"{inner.GetType().Name} : {inner.Message}", inner, ErrorKind.Unexpected);
    }
}

namespace LiftWing.Core.Errors;

/// <summary>
/// Base of every domain error that the edge maps to an HTTP status with a <c>{"error": "..."}</c> body.
/// The status lives on the exception so one table at the edge (see <see cref="ErrorTable"/>) maps them all.
/// </summary>
public class LiftWingException : Exception
{
    /// <summary>Creates an error with the HTTP status it maps to.</summary>
    public LiftWingException(int statusCode, string message, Exception? inner = null)
        : base(message, inner) => StatusCode = statusCode;

    /// <summary>The HTTP status code the edge answers with.</summary>
    public int StatusCode { get; }
}

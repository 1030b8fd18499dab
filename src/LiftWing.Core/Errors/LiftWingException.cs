namespace LiftWing.Core.Errors;

/// <summary>
/// Base of every domain error that the edge maps to an HTTP status with a <c>{"error": "..."}</c> body
/// (or <c>{"detail": "..."}</c>, <see cref="BodyStyle"/>).
/// The error carries its <see cref="ErrorKind"/>; <see cref="ErrorTable"/> maps kinds to statuses in one place.
/// </summary>
public class LiftWingException : Exception
{
    /// <summary>Creates an error of a kind.</summary>
    public LiftWingException(ErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        StatusCode = ErrorTable.StatusOf(kind);
    }

    /// <summary>Creates an error from the HTTP status Lift Wing answers with (e.g. 422); the kind follows from the table.</summary>
    public LiftWingException(int statusCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = ErrorTable.KindOf(statusCode);
        StatusCode = statusCode;
    }

    /// <summary>What went wrong.</summary>
    public ErrorKind Kind { get; }

    /// <summary>The HTTP status code the edge answers with.</summary>
    public int StatusCode { get; }

    /// <summary>The body the edge writes (<see cref="ErrorTable.BodyKeyOf"/>); KServe's <c>{"error": ...}</c> unless set.</summary>
    public ErrorBodyStyle BodyStyle { get; init; }
}

namespace LiftWing.Core.Errors;

/// <summary>
/// Invalid input that Lift Wing rejects with FastAPI's <c>HTTPException(status, detail)</c> rather than KServe's
/// <c>InvalidInput</c>: the same status, and the body <c>{"detail": "..."}</c> instead of <c>{"error": "..."}</c>.
/// </summary>
public sealed class HttpDetailException : InvalidInputException
{
    /// <summary>Creates the error with Lift Wing's status and detail text.</summary>
    public HttpDetailException(int statusCode, string detail)
        : base(detail, statusCode)
    {
        BodyStyle = ErrorBodyStyle.FastApi;
    }
}

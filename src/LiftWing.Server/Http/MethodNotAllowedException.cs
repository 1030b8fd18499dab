using LiftWing.Core.Errors;

namespace LiftWing.Server.Http;

/// <summary>
/// A route that exists for other methods: 405 <c>{"detail": "Method Not Allowed"}</c> with an <c>Allow</c> header, as
/// FastAPI answers. The exception handler writes the header (the exception middleware clears the response first).
/// </summary>
internal sealed class MethodNotAllowedException : LiftWingException
{
    public const string Detail = "Method Not Allowed";

    public MethodNotAllowedException(string allow)
        : base(ErrorKind.MethodNotAllowed, Detail)
    {
        Allow = allow;
        BodyStyle = ErrorBodyStyle.FastApi;
    }

    /// <summary>The methods the route answers, for the <c>Allow</c> header.</summary>
    public string Allow { get; }
}

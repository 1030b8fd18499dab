namespace LiftWing.Core.Errors;

/// <summary>
/// The one mapping from error kinds to HTTP status codes, and from exceptions to the status and the message a client
/// may see. Every protocol edge (V1, V2, OpenAI) and the CLI's <c>predict</c> go through it.
/// </summary>
public static class ErrorTable
{
    /// <summary>The message of every <see cref="ErrorKind.Unexpected"/> error; the details go to the log only.</summary>
    public const string InternalServerError = "Internal server error";

    /// <summary>The HTTP status of a kind.</summary>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput => 400,
        ErrorKind.NotFound => 404,
        ErrorKind.MethodNotAllowed => 405,
        ErrorKind.PayloadTooLarge => 413,
        ErrorKind.UnsupportedMediaType => 415,
        ErrorKind.Unprocessable => 422,
        ErrorKind.TooManyRequests => 429,
        ErrorKind.NotImplemented => 501,
        ErrorKind.BadGateway => 502,
        ErrorKind.Unavailable => 503,
        ErrorKind.Timeout => 504,
        _ => 500,
    };

    /// <summary>The kind of a status code (for errors raised with a status): the inverse of <see cref="StatusOf"/>.</summary>
    public static ErrorKind KindOf(int statusCode) => statusCode switch
    {
        404 => ErrorKind.NotFound,
        405 => ErrorKind.MethodNotAllowed,
        413 => ErrorKind.PayloadTooLarge,
        415 => ErrorKind.UnsupportedMediaType,
        422 => ErrorKind.Unprocessable,
        429 => ErrorKind.TooManyRequests,
        501 => ErrorKind.NotImplemented,
        502 => ErrorKind.BadGateway,
        503 => ErrorKind.Unavailable,
        504 => ErrorKind.Timeout,
        >= 400 and < 500 => ErrorKind.InvalidInput,
        _ => ErrorKind.Internal,
    };

    /// <summary>The key of the error body for each style: the one place that decides <c>error</c> or <c>detail</c>.</summary>
    public static string BodyKeyOf(ErrorBodyStyle style) => style switch
    {
        ErrorBodyStyle.FastApi => "detail",
        _ => "error",
    };

    /// <summary>The body style of an exception: its own for a domain error, KServe's for anything unexpected.</summary>
    public static ErrorBodyStyle BodyStyleOf(Exception exception) =>
        exception is LiftWingException { Kind: not ErrorKind.Unexpected } e ? e.BodyStyle : ErrorBodyStyle.KServe;

    /// <summary>Maps an exception to its kind, status and the message for the <c>{"error": ...}</c> body.</summary>
    public static (int StatusCode, string Message, ErrorKind Kind) Map(Exception exception) => exception switch
    {
        LiftWingException { Kind: ErrorKind.Unexpected } e => (e.StatusCode, InternalServerError, ErrorKind.Unexpected),
        LiftWingException e => (e.StatusCode, e.Message, e.Kind),
        OperationCanceledException => (504, "The request timed out.", ErrorKind.Timeout),
        _ => (500, InternalServerError, ErrorKind.Unexpected),
    };
}

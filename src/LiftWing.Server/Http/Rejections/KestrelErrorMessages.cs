using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Http.Rejections;

/// <summary>
/// The client message for a request Kestrel refused (<see cref="BadHttpRequestException"/>): Kestrel's own text names
/// the problem (request line too long, malformed header, bad chunk) and holds no server detail; an empty quoted
/// detail (Kestrel leaves it out below Information logging) and over-long texts are trimmed.
/// </summary>
internal static class KestrelErrorMessages
{
    private const int MaxLength = 300;

    public static string For(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message.Trim();
        if (message.EndsWith(": ''", StringComparison.Ordinal))
        {
            message = message[..^4] + ".";
        }

        if (message.Length == 0)
        {
            message = Default(exception.StatusCode);
        }

        return message.Length > MaxLength ? message[..MaxLength] + "…" : message;
    }

    /// <summary>The message for a status when there is no exception text.</summary>
    public static string Default(int statusCode) => statusCode switch
    {
        StatusCodes.Status408RequestTimeout => "The request was not received in time.",
        StatusCodes.Status411LengthRequired => "A Content-Length or chunked body is required.",
        StatusCodes.Status413PayloadTooLarge => "Request body too large.",
        StatusCodes.Status414UriTooLong => "Request line too long.",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "Request headers too large.",
        StatusCodes.Status505HttpVersionNotsupported => "HTTP version not supported.",
        _ => "Malformed request.",
    };
}

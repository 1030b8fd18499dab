namespace LiftWing.Core.Errors;

/// <summary>The one mapping from exceptions to HTTP status and message, used by every protocol adapter.</summary>
public static class ErrorTable
{
    /// <summary>Maps an exception to a status code and the message for the <c>{"error": ...}</c> body.</summary>
    public static (int StatusCode, string Message) Map(Exception exception) => exception switch
    {
        LiftWingException e => (e.StatusCode, e.Message),
        OperationCanceledException => (504, "The request timed out."),
        _ => (500, $"{exception.GetType().Name} : {exception.Message}"),
    };
}

namespace LiftWing.Server.Http.Rejections;

/// <summary>What Kestrel refused: the status, the message for the client, and whether the response may carry a body.</summary>
internal sealed record Rejection(int StatusCode, string Message, string? Path, bool IsHead);

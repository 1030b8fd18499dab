namespace LiftWing.Server.Gateway;

/// <summary>Why a request was refused, for the rejection writer: the class, when the window ends, and whether the limit is 0.</summary>
internal sealed record RateLimitRejection(string Class, TimeSpan RetryAfter, bool LimitIsZero);

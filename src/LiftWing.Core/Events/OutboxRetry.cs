namespace LiftWing.Core.Events;

/// <summary>An event to try again later.</summary>
/// <param name="Id">Its id.</param>
/// <param name="NextAttempt">When it is due again.</param>
public readonly record struct OutboxRetry(string Id, DateTimeOffset NextAttempt);

namespace LiftWing.Core.Events;

/// <summary>An event EventGate rejected (or that expired), kept with the reason.</summary>
/// <param name="Event">The event.</param>
/// <param name="Reason">Why: <c>invalid</c> (EventGate's validation), <c>rejected</c> (a 4xx without details) or <c>expired</c>.</param>
/// <param name="Context">EventGate's <c>context</c> (the validation errors) or a message, as JSON or text.</param>
public sealed record DeadLetter(OutboxEvent Event, string Reason, string? Context);

namespace LiftWing.Core.Events;

/// <summary>Opens the outbox the options name (LiftWing.Server adds Redis).</summary>
public interface IEventOutboxFactory
{
    /// <summary>Opens the outbox.</summary>
    IEventOutbox Create(EventsOptions options);
}

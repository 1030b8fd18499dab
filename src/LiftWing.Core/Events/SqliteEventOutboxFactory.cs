namespace LiftWing.Core.Events;

/// <summary>The SQLite outbox (the only one Core knows).</summary>
internal sealed class SqliteEventOutboxFactory(TimeProvider time) : IEventOutboxFactory
{
    public IEventOutbox Create(EventsOptions options) => options.Outbox == OutboxKind.Sqlite
        ? new SqliteEventOutbox(options.SqlitePath, time)
        : throw new InvalidOperationException($"The {options.Outbox} outbox needs LiftWing.Server (AddLiftWingEventsServer).");
}

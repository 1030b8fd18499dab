using LiftWing.Core.Events;

namespace LiftWing.Server.Events;

/// <summary>Opens the SQLite or the Redis outbox.</summary>
internal sealed class ServerEventOutboxFactory(TimeProvider time) : IEventOutboxFactory
{
    public IEventOutbox Create(EventsOptions options) => options.Outbox switch
    {
        OutboxKind.Redis => RedisEventOutbox.Connect(options.Redis, options.RedisPrefix, time),
        _ => new SqliteEventOutbox(options.SqlitePath, time),
    };
}

using System.CommandLine;
using LiftWing.Core.Events;

namespace LiftWing.Cli.Commands;

/// <summary>The events-out options shared by <c>serve</c>, <c>precache</c> and <c>stream</c>, mapped to <c>LiftWing:Events:*</c> keys.</summary>
internal sealed class EventsCliOptions
{
    public Option<string?> EventGate { get; } = new("--eventgate") { Description = "EventGate events URL (e.g. http://eventgate:8192/v1/events): send a prediction_classification_change event for every request with an \"event\"." };

    public Option<OutboxKind?> Outbox { get; } = new("--outbox") { Description = "Where events wait for EventGate: sqlite (default; one process) or redis (shared; default for stream)." };

    public Option<string?> OutboxPath { get; } = new("--outbox-path") { Description = "SQLite outbox file (default ~/.cache/liftwing/events.db)." };

    public Option<string?> OutboxRedis { get; } = new("--outbox-redis") { Description = "Redis endpoint of the Redis outbox (default: --redis, else 127.0.0.1:6379)." };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { EventGate, Outbox, OutboxPath, OutboxRedis })
        {
            command.Options.Add(o);
        }
    }

    /// <summary>The configuration keys these options set (only those given).</summary>
    public Dictionary<string, string?> ToConfiguration(ParseResult parse, string? redis, OutboxKind? defaultOutbox = null)
    {
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        const string s = EventsOptions.Section + ":";
        if (parse.GetValue(EventGate) is { } url)
        {
            keys[s + nameof(EventsOptions.EventGateUrl)] = url;
        }

        if ((parse.GetValue(Outbox) ?? defaultOutbox) is { } kind)
        {
            keys[s + nameof(EventsOptions.Outbox)] = kind.ToString();
        }

        if (parse.GetValue(OutboxPath) is { } path)
        {
            keys[s + nameof(EventsOptions.SqlitePath)] = Path.GetFullPath(path);
        }

        if ((parse.GetValue(OutboxRedis) ?? redis) is { } r)
        {
            keys[s + nameof(EventsOptions.Redis)] = r;
        }

        return keys;
    }
}

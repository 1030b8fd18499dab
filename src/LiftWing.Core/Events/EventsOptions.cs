using System.ComponentModel.DataAnnotations;

namespace LiftWing.Core.Events;

/// <summary>
/// Events out (<c>LiftWing:Events</c>; <c>--eventgate URL</c> on <c>serve</c>, <c>precache</c> and <c>stream</c>):
/// which events are built, where they wait (the outbox) and how they are posted to EventGate.
/// </summary>
public sealed class EventsOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "LiftWing:Events";

    /// <summary>Lift Wing's schema for these events.</summary>
    public const string DefaultSchema = "/mediawiki/page/prediction_classification_change/1.3.0";

    /// <summary>EventGate's events endpoint (e.g. <c>http://eventgate:8192/v1/events</c>); null: no events are built.</summary>
    public string? EventGateUrl { get; set; }

    /// <summary>Where events wait. The default is SQLite.</summary>
    public OutboxKind Outbox { get; set; } = OutboxKind.Sqlite;

    /// <summary>The SQLite outbox file. The default is <c>~/.cache/liftwing/events.db</c>.</summary>
    public string SqlitePath { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "liftwing", "events.db");

    /// <summary>The Redis endpoint for the Redis outbox. The default is 127.0.0.1:6379.</summary>
    public string Redis { get; set; } = "127.0.0.1:6379";

    /// <summary>The prefix of the Redis outbox keys. The default is <c>lw:events:</c>.</summary>
    public string RedisPrefix { get; set; } = "lw:events:";

    /// <summary>The default <c>$schema</c> of every event (per model: <see cref="ModelEventOptions.Schema"/>).</summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>Per-model settings by model name.</summary>
    public Dictionary<string, ModelEventOptions> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The most events in one POST. The default is 100.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Events waiting in memory between requests and the outbox; beyond it events are dropped and counted. The default is 100,000.</summary>
    [Range(16, 10_000_000)]
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>How long the sender sleeps when nothing is due. The default is 1 second (new events wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest one POST may take (a hung EventGate counts as a failure after it). The default is 10 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first retry delay; each failure doubles it, with full jitter. The default is 1 second.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest retry delay. The default is 5 minutes.</summary>
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a sender holds the events it is posting (a Redis outbox shared by replicas). The default is 1 minute.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An event not accepted after this long is dead-lettered as expired. The default is 7 days.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long sent ids are remembered, so a page_change processed again is not emitted again. The default is 7 days.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long shutdown waits for the sender to deliver what is due. The default is 2 seconds (the rest stays in the outbox).</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Sent as Lift Wing's <c>UserAgent</c> header (sic) and as <c>User-Agent</c>.</summary>
    public string UserAgent { get; set; } = "liftwing";

    /// <summary>Whether events are built at all.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(EventGateUrl);

    /// <summary>A model's settings (defaults when not configured).</summary>
    public ModelEventOptions For(string model) => Models.TryGetValue(model, out var m) ? m : s_default;

    private static readonly ModelEventOptions s_default = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && (!Uri.TryCreate(EventGateUrl, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"EventGateUrl '{EventGateUrl}' is not an http(s) URL.", [nameof(EventGateUrl)]);
        }

        foreach (var (name, schema) in Models.Select(kv => (kv.Key, kv.Value.Schema)).Prepend(("(default)", Schema)))
        {
            if (schema is not null && EventSchemaProfile.For(schema) is null)
            {
                yield return new ValidationResult($"Events schema '{schema}' for {name} is not a known prediction_classification_change version (1.1.0 or 1.3.0).", [nameof(Schema)]);
            }
        }

        if (RequestTimeout <= TimeSpan.Zero || RetryBase <= TimeSpan.Zero || RetryMax < RetryBase || PollInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("RequestTimeout, RetryBase and PollInterval must be positive and RetryMax at least RetryBase.");
        }

        if (Lease <= RequestTimeout)
        {
            yield return new ValidationResult("Lease must be longer than RequestTimeout (a sender must finish a POST before its events can be taken by another).", [nameof(Lease)]);
        }
    }
}

namespace LiftWing.Cli.LoadTest;

/// <summary>One load-test run: a target, a body, and bounds in count and time.</summary>
internal sealed class LoadTestOptions
{
    public required Uri Url { get; init; }

    public HttpMethod Method { get; init; } = HttpMethod.Post;

    public byte[]? Body { get; init; }

    public string ContentType { get; init; } = "application/json";

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public int Concurrency { get; init; } = 1;

    /// <summary>Stop after this long (always bounded: the default is 10 s when no request count is given).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Stop after this many requests.</summary>
    public long? Requests { get; init; }

    /// <summary>Requests sent first and not counted.</summary>
    public int Warmup { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The absolute ceiling on a run, whatever else is asked. The default is 10 minutes.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(10);
}

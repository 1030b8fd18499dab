namespace LiftWing.Cli.Commands;

/// <summary>The options of <c>loadtest</c>, checked all at once before any file is read or request sent.</summary>
internal sealed record LoadTestVerbOptions(string Url, int Concurrency, double? DurationSeconds, long? Requests, int Warmup, IReadOnlyList<string> Headers) : IVerbOptions
{
    public const int MaxConcurrency = 1024;

    public Uri? Target => Uri.TryCreate(Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u : null;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Target is null)
        {
            errors.Add($"url: '{Url}' is not an http(s) URL.");
        }

        if (Concurrency is < 1 or > MaxConcurrency)
        {
            errors.Add($"--concurrency must be between 1 and {MaxConcurrency}.");
        }

        if (DurationSeconds is <= 0)
        {
            errors.Add("--duration must be positive.");
        }

        if (Requests is <= 0)
        {
            errors.Add("--requests must be positive.");
        }

        if (Warmup < 0)
        {
            errors.Add("--warmup must not be negative.");
        }

        errors.AddRange(Headers.Where(h => h.IndexOf(':', StringComparison.Ordinal) <= 0).Select(h => $"--header '{h}' is not 'Name: value'."));
        return errors;
    }
}

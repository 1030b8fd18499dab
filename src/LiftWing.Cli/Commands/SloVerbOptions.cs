using LiftWing.Core.Models;

namespace LiftWing.Cli.Commands;

/// <summary>The options of <c>slo rules</c> and <c>slo grafana</c> (the intervals are the rules'; their defaults are valid).</summary>
internal sealed record SloVerbOptions(string? Config, string Interval = "1m", string QuarterStep = "5m") : IVerbOptions
{
    public TimeSpan IntervalSpan => TryParse(Interval) ?? TimeSpan.Zero;

    public TimeSpan QuarterStepSpan => TryParse(QuarterStep) ?? TimeSpan.Zero;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Config is not null && !File.Exists(Config))
        {
            errors.Add($"--config {Config} does not exist.");
        }

        if (TryParse(Interval) is not { } i)
        {
            errors.Add($"--interval: '{Interval}' is not a duration (e.g. 30s, 1m).");
        }
        else if (i < TimeSpan.FromSeconds(1))
        {
            errors.Add("--interval must be at least 1s.");
        }

        if (TryParse(QuarterStep) is not { } s)
        {
            errors.Add($"--quarter-step: '{QuarterStep}' is not a duration (e.g. 5m).");
        }
        else if (s < TimeSpan.FromSeconds(1) || s > TimeSpan.FromDays(1))
        {
            errors.Add("--quarter-step must be between 1s and 1d.");
        }

        return errors;
    }

    private static TimeSpan? TryParse(string text)
    {
        try
        {
            return DurationParser.Parse(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

using Microsoft.Extensions.Options;

namespace LiftWing.Server.Slo;

/// <summary>Rejects objectives that cannot be met or measured, at start-up, naming the key.</summary>
internal sealed partial class SloOptionsValidator : IValidateOptions<SloOptions>
{
    public ValidateOptionsResult Validate(string? name, SloOptions options)
    {
        var errors = new List<string>();
        Check(errors, "LiftWing:Slo", options.Availability, options.Latency, options.LatencyThreshold);
        foreach (var (model, o) in options.Models)
        {
            // Names go into PromQL matchers: keep to what model names use.
            if (!ModelName().IsMatch(model))
            {
                errors.Add($"LiftWing:Slo:Models has an invalid model name '{model}' (letters, digits, '.', '_' and '-').");
                continue;
            }

            Check(errors, $"LiftWing:Slo:Models:{model}", o.Availability, o.Latency, o.LatencyThreshold);
        }

        if (options.RollingWindow < TimeSpan.FromHours(1) || options.RollingWindow > TimeSpan.FromDays(92) || options.RollingWindow.Ticks % TimeSpan.TicksPerHour != 0)
        {
            errors.Add($"LiftWing:Slo:RollingWindow must be whole hours between 1 hour and 92 days (got {options.RollingWindow}).");
        }

        if (options.FlushInterval < TimeSpan.FromMilliseconds(100) || options.FlushInterval > TimeSpan.FromMinutes(5))
        {
            errors.Add($"LiftWing:Slo:FlushInterval must be between 100 ms and 5 minutes (got {options.FlushInterval}).");
        }

        if (options.Store == SloStoreKind.Sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            errors.Add("LiftWing:Slo:SqlitePath must be set when LiftWing:Slo:Store is Sqlite.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string key, double? availability, double? latency, TimeSpan? threshold)
    {
        // A target of 1 leaves no error budget (every burn rate is infinite); 0 is no objective.
        if (availability is { } a && !(a > 0 && a < 1))
        {
            errors.Add($"{key}:Availability must be between 0 and 1, exclusive (got {a}).");
        }

        if (latency is { } l && !(l > 0 && l < 1))
        {
            errors.Add($"{key}:Latency must be between 0 and 1, exclusive (got {l}).");
        }

        if (threshold is { } t && (t < TimeSpan.FromMilliseconds(1) || t > TimeSpan.FromSeconds(60)))
        {
            errors.Add($"{key}:LatencyThreshold must be between 1 ms and 60 s (got {t}).");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial System.Text.RegularExpressions.Regex ModelName();
}

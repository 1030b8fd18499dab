using System.CommandLine;
using LiftWing.Core.Models;
using LiftWing.Server.Slo;
using Microsoft.Extensions.Configuration;

namespace LiftWing.Cli.Commands;

/// <summary>
/// <c>liftwing slo rules</c> (Prometheus recording and alerting rules) and <c>liftwing slo grafana</c> (a Grafana
/// dashboard), both from the <c>LiftWing:Slo</c> configuration the server uses (a JSON file and/or <c>LIFTWING__SLO__*</c>).
/// </summary>
internal static class SloCommand
{
    public static Command Create() => new("slo", "Service-level objectives: Prometheus rules and a Grafana dashboard from the LiftWing:Slo configuration.")
    {
        Rules(),
        Grafana(),
    };

    private static Option<string?> Config() => new("--config")
    {
        Description = "A JSON configuration file with a LiftWing:Slo section (environment variables LIFTWING__SLO__* apply on top).",
    };

    private static Command Rules()
    {
        var config = Config();
        var interval = new Option<string>("--interval") { Description = "Evaluation interval of the SLI and alert groups.", DefaultValueFactory = _ => "1m" };
        var step = new Option<string>("--quarter-step") { Description = "Step of the calendar-quarter sums (at least twice the scrape interval).", DefaultValueFactory = _ => "5m" };
        var command = new Command("rules", "Write Prometheus recording and alerting rules (YAML) to stdout: liftwing slo rules > rules.yaml") { config, interval, step };
        command.SetAction(async (parse, ct) =>
        {
            var options = await LoadAsync(parse.GetValue(config)).ConfigureAwait(false);
            if (options is null)
            {
                return 2;
            }

            TimeSpan i, s;
            try
            {
                i = DurationParser.Parse(parse.GetValue(interval)!);
                s = DurationParser.Parse(parse.GetValue(step)!);
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 2;
            }

            if (i < TimeSpan.FromSeconds(1) || s < TimeSpan.FromSeconds(1) || s > TimeSpan.FromDays(1))
            {
                await Console.Error.WriteLineAsync("--interval and --quarter-step must be at least 1s (and the step at most 1d).").ConfigureAwait(false);
                return 2;
            }

            await Console.Out.WriteAsync(SloRuleGenerator.Generate(options, i, s).AsMemory(), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Grafana()
    {
        var config = Config();
        var command = new Command("grafana", "Write a Grafana dashboard (JSON) over the recorded SLO series to stdout.") { config };
        command.SetAction(async (parse, ct) =>
        {
            var options = await LoadAsync(parse.GetValue(config)).ConfigureAwait(false);
            if (options is null)
            {
                return 2;
            }

            await Console.Out.WriteLineAsync(SloGrafanaDashboard.Generate(options).AsMemory(), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task<SloOptions?> LoadAsync(string? file)
    {
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"--config {file} does not exist.").ConfigureAwait(false);
                return null;
            }

            builder.AddJsonFile(Path.GetFullPath(file), optional: false);
        }

        builder.AddEnvironmentVariables();
        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"--config {file}: {e.Message}").ConfigureAwait(false);
            return null;
        }

        var (options, errors) = SloConfiguration.Load(configuration);
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
        }

        return errors.Count == 0 ? options : null;
    }
}

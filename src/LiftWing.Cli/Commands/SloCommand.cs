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
            var verb = new SloVerbOptions(parse.GetValue(config), parse.GetValue(interval)!, parse.GetValue(step)!);
            if (await VerbOptions.RejectAsync(verb).ConfigureAwait(false) is { } bad)
            {
                return bad;
            }

            var options = await LoadAsync(verb.Config).ConfigureAwait(false);
            if (options is null)
            {
                return VerbOptions.BadOptionsExitCode;
            }

            await Console.Out.WriteAsync(SloRuleGenerator.Generate(options, verb.IntervalSpan, verb.QuarterStepSpan).AsMemory(), ct).ConfigureAwait(false);
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
            var verb = new SloVerbOptions(parse.GetValue(config));
            if (await VerbOptions.RejectAsync(verb).ConfigureAwait(false) is { } bad)
            {
                return bad;
            }

            var options = await LoadAsync(verb.Config).ConfigureAwait(false);
            if (options is null)
            {
                return VerbOptions.BadOptionsExitCode;
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

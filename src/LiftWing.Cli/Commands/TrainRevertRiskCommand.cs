using System.CommandLine;
using LiftWing.Training.RevertRisk;

namespace LiftWing.Cli.Commands;

/// <summary><c>liftwing train revertrisk --data &lt;csv&gt; --out &lt;dir&gt;</c>.</summary>
public static class TrainRevertRiskCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Required = true, Description = "The labelled CSV (knowledge_integrity data_sample.csv layout)." };
        var output = new Option<DirectoryInfo>("--out") { Required = true, Description = "Where model.json, metrics.json, thresholds.json and model_card.md go." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => new GbdtTrainingOptions().Seed, Description = "Seed for folds and trees." };
        var command = new Command("revertrisk", "Train the revert-risk GBDT and cross-validate it.") { data, output, seed };
        command.SetAction(async parse =>
        {
            var verb = new TrainRevertRiskVerbOptions(parse.GetValue(data)!.FullName, parse.GetValue(output)!.FullName);
            if (await VerbOptions.RejectAsync(verb).ConfigureAwait(false) is { } bad)
            {
                return bad;
            }

            var options = new GbdtTrainingOptions { Seed = parse.GetValue(seed) };
            try
            {
                RevertRiskTrainer.Run(verb.Data, verb.Out, options, Console.Out);
                return 0;
            }
            catch (InvalidDataException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}

using System.CommandLine;

namespace LiftWing.Cli.Commands;

/// <summary><c>liftwing train &lt;model&gt;</c>: trains a model from data and writes its artifact and model card.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Train a model and write its artifact, sha256 and model card.");
        // One line per trainer.
        command.Subcommands.Add(TrainRevertRiskCommand.Create());
        return command;
    }
}

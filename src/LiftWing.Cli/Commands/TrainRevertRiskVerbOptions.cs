namespace LiftWing.Cli.Commands;

/// <summary>The options of <c>train revertrisk</c>.</summary>
internal sealed record TrainRevertRiskVerbOptions(string Data, string Out) : IVerbOptions
{
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!File.Exists(Data))
        {
            errors.Add($"--data: file {Data} does not exist.");
        }

        if (File.Exists(Out))
        {
            errors.Add($"--out: {Out} is a file, not a folder.");
        }

        return errors;
    }
}

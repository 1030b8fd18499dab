namespace LiftWing.Cli.Commands;

/// <summary>The options of <c>models make-example</c>.</summary>
internal sealed record MakeExampleVerbOptions(string Out) : IVerbOptions
{
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Out))
        {
            errors.Add("--out: give the folder for model.onnx.");
        }
        else if (File.Exists(Out))
        {
            errors.Add($"--out: {Out} is a file, not a folder.");
        }

        return errors;
    }
}

namespace LiftWing.Cli.Commands;

/// <summary>The options of <c>predict</c>: the model is the one <c>--only</c> would name.</summary>
internal sealed record PredictOptions(string ModelsDir, string Model, string Input, bool V2) : IVerbOptions
{
    public ModelSelection Models => new(ModelsDir, [Model]);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Models.Validate(errors);
        if (Input != "-" && !File.Exists(Input))
        {
            errors.Add($"input: file {Input} does not exist (give a JSON file, or - for standard input).");
        }

        return errors;
    }
}

namespace LiftWing.Cli.Commands;

/// <summary>The options of <c>models list</c> and <c>models pull</c>.</summary>
internal sealed record ModelsVerbOptions(ModelSelection Models, bool Load = false) : IVerbOptions
{
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Models.Validate(errors);
        return errors;
    }
}

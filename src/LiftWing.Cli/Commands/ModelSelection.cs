namespace LiftWing.Cli.Commands;

/// <summary><c>--models-dir DIR</c> and <c>--only a,b</c>, with the same meaning and the same checks on every verb.</summary>
internal sealed record ModelSelection(string ModelsDir, IReadOnlyList<string> Only)
{
    /// <summary>Adds the problems: a models folder that does not exist, a model name that cannot be one.</summary>
    public void Validate(List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (CommonOptions.CheckModelsDir(ModelsDir) is { } e)
        {
            errors.Add(e);
        }

        foreach (var name in Only.Where(n => !IsModelName(n)))
        {
            errors.Add($"--only: '{name}' is not a model name (letters, digits, '.', '_' and '-').");
        }
    }

    /// <summary>The configuration keys of the selection.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToConfiguration() => CommonOptions.ModelKeys(ModelsDir, Only);

    /// <summary>Whether <paramref name="name"/> can be a model name (the rule <c>--only</c> and <c>cache purge --model</c> share).</summary>
    public static bool IsModelName(string name) =>
        name.Length is > 0 and <= 128 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}

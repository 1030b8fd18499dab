namespace LiftWing.Cli.Commands;

/// <summary>A verb's options, parsed once into a record that checks itself before the verb does any work.</summary>
internal interface IVerbOptions
{
    /// <summary>Every problem, each naming its option (<c>--concurrency must be …</c>); empty when the options are usable.</summary>
    IReadOnlyList<string> Validate();
}

/// <summary>How every verb reports bad options: all problems on stderr, exit code 2.</summary>
internal static class VerbOptions
{
    public const int BadOptionsExitCode = 2;

    /// <summary>Writes the problems and returns 2, or returns null when there are none.</summary>
    public static async Task<int?> RejectAsync(IVerbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is not [_, ..] problems)
        {
            return null;
        }

        await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, problems)).ConfigureAwait(false);
        return BadOptionsExitCode;
    }
}

namespace LiftWing.Runtimes.FastText;

/// <summary>A fastText model file that cannot be read: wrong magic or version, truncated, or inconsistent.</summary>
internal sealed class FastTextFormatException : FormatException
{
    /// <summary>Creates the error.</summary>
    public FastTextFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the error with no message.</summary>
    public FastTextFormatException()
        : base("invalid fastText model")
    {
    }

    /// <summary>Creates the error.</summary>
    public FastTextFormatException(string message)
        : base(message)
    {
    }
}

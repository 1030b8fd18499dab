namespace LiftWing.Runtimes.Images;

/// <summary>An image that cannot be used: not an image, corrupt, or over a limit. The message is safe to show a caller.</summary>
public sealed class ImageDecodeException : Exception
{
    /// <summary>Creates the error.</summary>
    public ImageDecodeException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the error.</summary>
    public ImageDecodeException()
    {
    }

    /// <summary>Creates the error.</summary>
    public ImageDecodeException(string message)
        : base(message)
    {
    }
}

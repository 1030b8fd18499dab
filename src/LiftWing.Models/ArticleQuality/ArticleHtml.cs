using System.Buffers;

namespace LiftWing.Models.ArticleQuality;

/// <summary>
/// The HTML sent in a request, decoded into a rented buffer: a 100 kB page would otherwise be a fresh 200 kB string on
/// the large-object heap per request, whose budget is what starts background gen-2 collections. Dispose returns the
/// buffer; nothing may read <see cref="Memory"/> after that.
/// </summary>
internal sealed class ArticleHtml(char[] rented, int length) : IDisposable
{
    private char[]? _rented = rented;

    /// <summary>The characters.</summary>
    public ReadOnlyMemory<char> Memory => (_rented ?? throw new ObjectDisposedException(nameof(ArticleHtml))).AsMemory(0, length);

    /// <summary>The number of characters.</summary>
    public int Length => length;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _rented, null) is { } a)
        {
            ArrayPool<char>.Shared.Return(a);
        }
    }
}

namespace LiftWing.FunctionalTests.Hardening.Corpus;

/// <summary>
/// One hostile request, sent byte for byte over a raw socket: <see cref="Head"/> is the request line and headers
/// (without Host and the final blank line), <see cref="Body"/> the bytes after them. When <see cref="Framing"/> is
/// set the case writes its own Content-Length / Transfer-Encoding; otherwise the sender adds Content-Length.
/// </summary>
internal sealed record CorpusCase(string Endpoint, string Name, string Head, byte[] Body, bool Framing = false)
{
    /// <summary>True when Kestrel itself answers (malformed framing), before any LiftWing code runs.</summary>
    public bool KestrelLevel { get; init; }

    public override string ToString() => $"{Endpoint}: {Name}";
}

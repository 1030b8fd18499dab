namespace LiftWing.Runtimes.FastText;

/// <summary>fastText's string hash: 32-bit FNV-1a over the bytes, each byte sign-extended first as C++ <c>int8_t</c> does.</summary>
internal static class FastTextHash
{
    public const uint Offset = 2166136261;
    public const uint Prime = 16777619;

    public static uint Hash(ReadOnlySpan<byte> bytes)
    {
        var h = Offset;
        foreach (var b in bytes)
        {
            h = Step(h, b);
        }

        return h;
    }

    /// <summary>One FNV-1a step; the sign extension matters for every UTF-8 byte above 0x7F.</summary>
    public static uint Step(uint h, byte b) => (h ^ (uint)(sbyte)b) * Prime;
}

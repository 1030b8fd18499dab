namespace LiftWing.Core.Json;

/// <summary>The four hex digits of a JSON <c>\u</c> escape, for code that reads escapes in a document's raw text.</summary>
public static class JsonEscapeDigits
{
    /// <summary>
    /// The UTF-16 unit that the four hex digits at <paramref name="at"/> stand for; -1 when fewer than four bytes are
    /// left. The digits must already be known to be hex (a parsed document's raw text is).
    /// </summary>
    public static int Parse(ReadOnlySpan<byte> text, int at)
    {
        if (at < 0 || at + 4 > text.Length)
        {
            return -1;
        }

        var value = 0;
        for (var k = 0; k < 4; k++)
        {
            var c = text[at + k] | 0x20; // ASCII letters to lower case; digits unchanged
            value = (value << 4) + (c <= '9' ? c - '0' : c - 'a' + 10);
        }

        return value;
    }
}

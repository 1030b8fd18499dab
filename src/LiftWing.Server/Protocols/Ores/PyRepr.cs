using System.Globalization;
using System.Text;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>Python's <c>repr()</c> of a str, for messages ores-legacy builds with it (e.g. <c>Models ('x',) ...</c>).</summary>
internal static class PyRepr
{
    public static string Str(string s)
    {
        // Python quotes with ' unless the text has ' and no ".
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var sb = new StringBuilder(s.Length + 2).Append(quote);
        foreach (var c in s)
        {
            _ = c switch
            {
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                _ when c == quote => sb.Append('\\').Append(c),
                _ when c < ' ' || c == '\x7f' => sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.Append(quote).ToString();
    }
}

using System.Text;
using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Server.Http;

namespace LiftWing.Server.Tests.Http;

public sealed class JsonTextValidatorTests
{
    [Theory]
    [InlineData(@"plain", true)]
    [InlineData(@"a\""b\\c\n\/\t", true)]
    [InlineData(@"\u00e9 \u6F22", true)]
    [InlineData(@"\ud83d\ude00", true)]
    [InlineData(@"\uD83D\uDE00x", true)]
    [InlineData(@"\\ud800", true)] // an escaped backslash, then the letters "ud800"
    [InlineData(@"\\\ud83d\ude00", true)]
    [InlineData(@"\ud800", false)]
    [InlineData(@"\udfff", false)]
    [InlineData(@"\ude00\ud83d", false)]
    [InlineData(@"\ud800\u0041", false)]
    [InlineData(@"\ud800\n", false)]
    [InlineData(@"\ud800\ud800", false)]
    [InlineData(@"\\\ud800", false)]
    [InlineData(@"x\ud83d", false)]
    public void IsValidText_AgreesWithGetString(string raw, bool valid)
    {
        Assert.Equal(valid, JsonTextValidator.IsValidText(Encoding.UTF8.GetBytes(raw)));
        Assert.Equal(valid, Oracle(Encoding.UTF8.GetBytes("{\"s\":\"" + raw + "\"}")) is null);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // a surrogate encoded as UTF-8 (CESU)
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // past U+10FFFF
    [InlineData(new byte[] { 0xC3 })] // cut short
    [InlineData(new byte[] { 0xC3, (byte)'\\', (byte)'n' })] // cut short by an escape
    public void IsValidText_InvalidUtf8_IsRefused(byte[] raw) => Assert.False(JsonTextValidator.IsValidText(raw));

    /// <summary>
    /// Random bodies of nested objects and arrays whose names and strings mix plain text, escapes, valid and lone
    /// surrogate escapes and invalid UTF-8: the reader pass and the document walk refuse exactly the bodies on which
    /// the BCL's GetString fails, and name the same field (the first bad string in document order).
    /// </summary>
    [Fact]
    public void ReaderPassAndDocumentWalk_RefuseWhatGetStringRefuses_AndNameTheSameField()
    {
        var random = new Random(20261201);
        int refused = 0, accepted = 0;
        for (var n = 0; n < 4000; n++)
        {
            var body = RandomBody(random);
            var expected = Oracle(body);
            var fromReader = Outcome(() => JsonTextValidator.Validate(body, 64));
            using var doc = JsonDocument.Parse(body);
            var fromDocument = Outcome(() => JsonTextValidator.Validate(doc.RootElement));

            Assert.True(expected == fromReader, $"reader pass: {fromReader} instead of {expected} for {Show(body)}");
            Assert.True(expected == fromDocument, $"document walk: {fromDocument} instead of {expected} for {Show(body)}");
            _ = expected is null ? accepted++ : refused++;
        }

        // The generator exercises both outcomes.
        Assert.True(refused > 500 && accepted > 500, $"{refused} refused, {accepted} accepted");
    }

    private static string? Outcome(Action validate)
    {
        try
        {
            validate();
            return null;
        }
        catch (InvalidInputException ex)
        {
            Assert.Equal(400, ex.StatusCode);
            return ex.Message;
        }
    }

    // The definition: the first property name or string whose GetString throws, named by the nearest property above it.
    private static string? Oracle(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        var path = new Stack<string?>();
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    if (TryGetString(ref reader) is not { } name)
                    {
                        return Message("a property name");
                    }

                    property = name;
                    break;
                case JsonTokenType.String:
                    if (TryGetString(ref reader) is null)
                    {
                        return Message($"field '{property ?? "(top level)"}'");
                    }

                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    path.Push(property);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    property = path.Pop();
                    break;
            }
        }

        return null;
    }

    private static string? TryGetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Message(string field) => $"Invalid string in {field}: it is not valid UTF-8 or contains an unpaired surrogate.";

    private static readonly byte[][] s_pieces =
    [
        .. new[]
        {
            "a", "text ", "é", "漢", "😀", @"\""", @"\\", @"\n", @"\/", @"\u00e9", @"\u6f22", @"\ud83d\ude00", @"\uD83D\uDE00",
            @"\\ud800", @"\ud800", @"\udc00", @"\ud800\u0041", @"\ud800\ud800", @"\udbff", @"\ud800\\",
        }.Select(Encoding.UTF8.GetBytes),
        [0xFF], [0xED, 0xA0, 0x80], [0xC3], [0xF4, 0x90, 0x80, 0x80],
    ];

    private static byte[] RandomBody(Random random)
    {
        var sb = new List<byte>();
        WriteObject(sb, random, depth: 0);
        return [.. sb];
    }

    private static void WriteObject(List<byte> sb, Random random, int depth)
    {
        sb.Add((byte)'{');
        var count = random.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Add((byte)',');
            }

            WriteString(sb, random, name: true, i);
            sb.Add((byte)':');
            WriteValue(sb, random, depth + 1);
        }

        sb.Add((byte)'}');
    }

    private static void WriteValue(List<byte> sb, Random random, int depth)
    {
        switch (depth > 4 ? random.Next(0, 2) : random.Next(0, 5))
        {
            case 0:
                WriteString(sb, random, name: false, 0);
                break;
            case 1:
                sb.AddRange("12"u8.ToArray());
                break;
            case 2:
            case 3:
                sb.Add((byte)'[');
                var items = random.Next(0, 4);
                for (var i = 0; i < items; i++)
                {
                    if (i > 0)
                    {
                        sb.Add((byte)',');
                    }

                    WriteValue(sb, random, depth + 1);
                }

                sb.Add((byte)']');
                break;
            default:
                WriteObject(sb, random, depth);
                break;
        }
    }

    private static void WriteString(List<byte> sb, Random random, bool name, int index)
    {
        sb.Add((byte)'"');
        if (name)
        {
            // Distinct plain names most of the time, so the field names in messages differ.
            sb.AddRange(Encoding.UTF8.GetBytes("k" + index));
        }

        var pieces = random.Next(0, name ? 2 : 5);
        for (var i = 0; i < pieces; i++)
        {
            // Mostly valid text, so bad strings are rare enough that several strings come before the first.
            var piece = random.Next(0, 10) < 8 ? s_pieces[random.Next(0, 13)] : s_pieces[random.Next(13, s_pieces.Length)];
            sb.AddRange(piece);
        }

        sb.Add((byte)'"');
    }

    private static string Show(byte[] body) => Convert.ToHexString(body) + " " + Encoding.UTF8.GetString(body);
}

using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Models.ArticleQuality;
using LiftWing.Tests.Common;

namespace LiftWing.Models.Tests.ArticleQuality;

/// <summary>
/// The html byte limit counts the UTF-8 of the string as sent, not its JSON text: the parser skips the count when the
/// raw JSON value is already within the limit (an escape is never shorter than what it stands for), and must still
/// refuse a page one byte over it and accept one whose escapes make the raw text longer than the limit.
/// </summary>
public sealed class ArticleQualityRequestParserTests
{
    private static readonly FeatureMaximaTable s_maxima = FeatureMaximaTable.Load(
        TestPaths.SharedData("liftwing", "articlequality_feature_values.tsv"),
        ArticleQualityParameters.Load(Path.Combine(TestPaths.Models, "articlequality", "parameters.json")).MaximaFloors);

    private static ArticleQualityItem Parse(string json, long maxHtmlBytes) =>
        ArticleQualityRequestParser.ParseItem(JsonDocument.Parse(json).RootElement, s_maxima, maxHtmlBytes);

    [Fact]
    public void Html_ExactlyAtTheLimit_IsAccepted_OneByteOver_Is413()
    {
        var html = "<p>" + new string('a', 93) + "</p>"; // 100 bytes
        Assert.Equal(html, Parse($$"""{"lang": "en", "html": "{{html}}"}""", 100).Html!.Memory.ToString());

        var ex = Assert.Throws<InvalidInputException>(() => Parse($$"""{"lang": "en", "html": "{{html}}"}""", 99));
        Assert.Equal(413, ex.StatusCode);
        Assert.Contains("99-byte limit", ex.Message);
    }

    [Fact]
    public void Html_EscapedLongerThanTheLimit_ButNotInUtf8_IsAccepted()
    {
        // 20 × "\u00e9" is 120 bytes of JSON text but 40 bytes of UTF-8 (é is two bytes); plus "<p></p>".
        var escaped = string.Concat(Enumerable.Repeat("\\u00e9", 20));
        var item = Parse($$"""{"lang": "en", "html": "<p>{{escaped}}</p>"}""", 47);
        Assert.Equal("<p>" + new string('é', 20) + "</p>", item.Html!.Memory.ToString());

        var ex = Assert.Throws<InvalidInputException>(() => Parse($$"""{"lang": "en", "html": "<p>{{escaped}}</p>"}""", 46));
        Assert.Equal(413, ex.StatusCode);
    }

    [Fact]
    public void Html_MultibyteUnescaped_CountsUtf8Bytes()
    {
        // Sent raw (not escaped): the JSON text and the UTF-8 are the same 3 + 40 + 4 bytes.
        var html = "<p>" + new string('é', 20) + "</p>";
        Assert.Equal(html, Parse($$"""{"lang": "en", "html": "{{html}}"}""", 47).Html!.Memory.ToString());
        Assert.Throws<InvalidInputException>(() => Parse($$"""{"lang": "en", "html": "{{html}}"}""", 46));
    }

    /// <summary>
    /// The html decoded in place into a pooled buffer is what GetString returns, and is refused (with the same
    /// exception) exactly where GetString refuses: random strings of plain text, every JSON escape, surrogate pairs in
    /// either case, lone and misordered surrogates, and invalid UTF-8.
    /// </summary>
    [Fact]
    public void DecodeHtml_EqualsGetString_OnRandomStrings()
    {
        string[] text =
        [
            "a", "<p class=\\\"x\\\">", "é", "漢", "😀", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0000", "\\u00e9",
            "\\u6F22", "\\ud83d\\ude00", "\\uD83D\\uDE00", "\\\\ud800", "\\ud800", "\\udc00", "\\ud800\\u0041", "\\ud800\\ud800", "\\udbff",
        ];
        byte[][] pieces = [.. text.Select(System.Text.Encoding.UTF8.GetBytes), [0xFF], [0xED, 0xA0, 0x80], [0xC3], [0xF4, 0x90, 0x80, 0x80]];
        var random = new Random(5);
        int refused = 0, decoded = 0;
        for (var n = 0; n < 5000; n++)
        {
            var body = new List<byte>("{\"html\":\""u8.ToArray());
            var count = random.Next(1, 6);
            for (var i = 0; i < count; i++)
            {
                body.AddRange(pieces[random.Next(0, 10) < 8 ? random.Next(0, 19) : random.Next(19, pieces.Length)]);
            }

            body.AddRange("\"}"u8.ToArray());
            using var doc = JsonDocument.Parse(body.ToArray());
            var element = doc.RootElement.GetProperty("html");
            string? expected;
            try
            {
                expected = element.GetString();
            }
            catch (InvalidOperationException)
            {
                expected = null;
            }

            if (expected is null)
            {
                Assert.Throws<InvalidOperationException>(() => ArticleQualityRequestParser.DecodeHtml(element));
                refused++;
            }
            else
            {
                using var html = ArticleQualityRequestParser.DecodeHtml(element);
                Assert.Equal(expected, html?.Memory.ToString() ?? "");
                decoded++;
            }
        }

        Assert.True(refused > 500 && decoded > 500, $"{refused} refused, {decoded} decoded");
    }
}

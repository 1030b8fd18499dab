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
}

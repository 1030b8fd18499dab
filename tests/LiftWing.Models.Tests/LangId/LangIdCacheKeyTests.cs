using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiftWing.Core.Inference;
using LiftWing.Models.LangId;

namespace LiftWing.Models.Tests.LangId;

/// <summary>
/// The langid cache key is hashed from a byte buffer now; these pin it to the string form it always had, so answers
/// already stored (SQLite, Redis) keep their keys, and check the per-item batch join against the whole answer.
/// </summary>
public sealed class LangIdCacheKeyTests(LangIdModelFixture fixture) : IClassFixture<LangIdModelFixture>
{
    private readonly LangIdModel _model = fixture.Model;

    [Theory]
    [InlineData("""{"text": " Hallo\tWelt\n"}""", "s-", new[] { "Hallo Welt" })]
    [InlineData("""{"text": "Grüße 你好 😀", "k": 3}""", "s3", new[] { "Grüße 你好 😀" })]
    [InlineData("""{"instances": [{"text": "a"}, {"text": "b c"}], "k": 12}""", "b12", new[] { "a", "b c" })]
    public void GetCacheKey_IsTheHashOfTheLengthPrefixedForm(string json, string head, string[] texts) =>
        Assert.Equal(StringFormKey(head, texts), _model.GetCacheKey(Request(json)));

    [Fact]
    public void GetCacheKey_LargeBatch_BeyondTheStackBuffer_SameForm()
    {
        var texts = Enumerable.Range(0, 60).Select(i => "Ein längerer deutscher Satz über den Fuchs und den Hund, Nummer " + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var json = JsonSerializer.Serialize(new { instances = texts.Select(t => new { text = t }) });
        Assert.Equal(StringFormKey("b-", texts), _model.GetCacheKey(Request(json)));
    }

    [Fact]
    public async Task JoinResponses_OfSplitItems_IsTheWholeBatchAnswerByteForByte()
    {
        var request = Request("""{"instances": [{"text": "Der schnelle braune Fuchs"}, {"text": "Bonjour tout le monde"}, {"text": "The quick brown fox"}], "k": 2}""");
        var input = await ((Core.Models.IModel)_model).PreprocessAsync(request, CancellationToken.None);
        var output = await ((Core.Models.IModel)_model).PredictAsync(input, request, CancellationToken.None);
        var whole = await ((Core.Models.IModel)_model).PostprocessAsync(output, request, CancellationToken.None);

        var items = _model.SplitResponse(whole, 3);
        Assert.Equal(whole.Json.ToArray(), _model.JoinResponses(request, items).Json.ToArray());
        // An item in another shape (re-indented) still joins through the parse.
        var reshaped = items.Select(i => InferenceResponse.FromUtf8(Encoding.UTF8.GetBytes(" " + Encoding.UTF8.GetString(i.Json.Span)))).ToList();
        Assert.Equal(whole.Json.ToArray(), _model.JoinResponses(request, reshaped).Json.ToArray());
    }

    private static string StringFormKey(string head, string[] texts)
    {
        var sb = new StringBuilder(head);
        foreach (var t in texts)
        {
            sb.Append('\n').Append(t.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(t);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private static InferenceRequest Request(string json) =>
        new() { ModelName = "langid", Body = JsonDocument.Parse(json).RootElement.Clone() };
}

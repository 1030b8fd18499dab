using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiftWing.Core.Events;
using LiftWing.Tests.Common.Events;

namespace LiftWing.Core.Tests.Events;

public sealed class PredictionEventBuilderTests
{
    private static readonly PredictedClassification s_rr = new("revertrisk-language-agnostic", "3", ["false"], [new("true", 0.12), new("false", 0.88)]);

    private static JsonObject Build(JsonObject ev, string schema, string stream = "mediawiki.page_revert_risk_prediction_change.v1")
    {
        var element = PageChangeEvents.Element(ev);
        var buffer = new ArrayBufferWriter<byte>();
        var id = PredictionEventBuilder.EventId(element, stream, s_rr);
        PredictionEventBuilder.Write(buffer, element, s_rr, schema, stream, id, EventSchemaProfile.For(schema)!);
        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    [Fact]
    public void RecordedPageChange_BuildsAnEventThatValidatesAgainst110()
    {
        var built = Build(PageChangeEvents.Recorded(), EventSchemas.PredictionClassificationChange11);

        Assert.Empty(EventSchemas.ValidatePredictionClassificationChange(PageChangeEvents.Element(built)));
        Assert.Equal("mediawiki.page_revert_risk_prediction_change.v1", built["meta"]!["stream"]!.GetValue<string>());
        Assert.Null(built["meta"]!["dt"]); // EventGate stamps meta.dt
        Assert.Equal("en.wikipedia.org", built["meta"]!["domain"]!.GetValue<string>());
        Assert.Equal("3e0486c5-21a6-4625-9f7e-87a8b5b2e77b", built["meta"]!["request_id"]!.GetValue<string>());
        Assert.Equal("""{"model_name":"revertrisk-language-agnostic","model_version":"3","predictions":["false"],"probabilities":{"true":0.12,"false":0.88}}""",
            built["predicted_classification"]!.ToJsonString());
        Assert.Null(built["revision"]!["content_slots"]);
        Assert.Null(built["performer"]!["user_central_id"]); // not in user/1.0.0
        Assert.Equal(1319295223, built["prior_state"]!["revision"]!["rev_id"]!.GetValue<long>());
    }

    [Fact]
    public void LiftWingSchema_KeepsThe130EntityFields()
    {
        var built = Build(PageChangeEvents.Recorded(), EventsOptions.DefaultSchema);

        Assert.Equal(EventsOptions.DefaultSchema, built["$schema"]!.GetValue<string>());
        Assert.Equal(77921265, built["performer"]!["user_central_id"]!.GetValue<long>());
        Assert.Equal(77921265, built["revision"]!["editor"]!["user_central_id"]!.GetValue<long>());
        Assert.Null(built["revision"]!["content_slots"]);
        // 1.1.0's entities are closed (additionalProperties: false): the 1.3.0 fields do not pass its check.
        Assert.Contains(EventSchemas.ValidatePredictionClassificationChange(PageChangeEvents.Element(built)), e => e.Contains("/performer", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingDt_IsCaughtByTheSchema()
    {
        var ev = PageChangeEvents.Recorded();
        ev.Remove("dt");

        var errors = EventSchemas.ValidatePredictionClassificationChange(PageChangeEvents.Element(Build(ev, EventSchemas.PredictionClassificationChange11)));

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void EventId_IsStablePerSourceAndModel()
    {
        var a = PageChangeEvents.Element(PageChangeEvents.Variant(1, 5));
        var b = PageChangeEvents.Element(PageChangeEvents.Variant(2, 5));

        Assert.Equal(PredictionEventBuilder.EventId(a, "s", s_rr), PredictionEventBuilder.EventId(a, "s", s_rr));
        Assert.NotEqual(PredictionEventBuilder.EventId(a, "s", s_rr), PredictionEventBuilder.EventId(b, "s", s_rr));
        Assert.NotEqual(PredictionEventBuilder.EventId(a, "s", s_rr), PredictionEventBuilder.EventId(a, "s", s_rr with { ModelName = "other" }));
        Assert.True(Guid.TryParse(PredictionEventBuilder.EventId(a, "s", s_rr), out _));
    }

    [Theory]
    [InlineData("/mediawiki/page/prediction_classification_change/1.3.0", true)]
    [InlineData("/mediawiki/page/prediction_classification_change/1.1.0", true)]
    [InlineData("/mediawiki/page/prediction_classification_change/9.0.0", false)]
    [InlineData("/mediawiki/revision/score/3.0.0", false)]
    public void Options_AcceptOnlyKnownSchemas(string schema, bool valid)
    {
        var options = new EventsOptions { EventGateUrl = "http://127.0.0.1:1/v1/events", Schema = schema };

        var results = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Equal(valid, results.Count == 0);
    }

    [Fact]
    public void IsPageChange_RequiresThePageChangeSchema()
    {
        Assert.True(PredictionEventBuilder.IsPageChange(PageChangeEvents.Element(PageChangeEvents.Recorded())));
        Assert.False(PredictionEventBuilder.IsPageChange(JsonDocument.Parse("""{"$schema": "/mediawiki/revision/create/1.1.0"}""").RootElement));
        Assert.False(PredictionEventBuilder.IsPageChange(JsonDocument.Parse("""{"rev_id": 1}""").RootElement));
    }
}

using System.Buffers;
using System.Text.Json;
using LiftWing.Core.Inference;

namespace LiftWing.Models.ArticleQuality;

/// <summary>
/// Lift Wing's v1 answer: <c>{"score", "model_name", "model_version", "wiki_db", "revision_id"}</c>, preceded by
/// <c>label</c> and <c>features: {raw, normalized}</c> with extended output (Lift Wing's key order). HTML answers have no
/// <c>revision_id</c>; batches answer <c>{"model_name", "model_version", "predictions": [...]}</c> in input order,
/// a failed item as <c>{"error", "status"}</c>.
/// </summary>
internal static class ArticleQualityResponseWriter
{
    private static readonly JsonWriterOptions s_options = LiftWing.Core.Json.LiftWingJson.WriterOptions;

    public static InferenceResponse Write(ArticleQualityInput input, string modelName, string modelVersion)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, s_options))
        {
            if (input.IsBatch)
            {
                w.WriteStartObject();
                w.WriteString("model_name", modelName);
                w.WriteString("model_version", modelVersion);
                w.WriteStartArray("predictions");
                foreach (var item in input.Items)
                {
                    if (item.Error is { } error)
                    {
                        w.WriteStartObject();
                        w.WriteString("error", error.Message);
                        w.WriteNumber("status", error.StatusCode);
                        w.WriteEndObject();
                    }
                    else
                    {
                        WriteItem(w, item, modelName, modelVersion);
                    }
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }
            else
            {
                WriteItem(w, input.Items[0], modelName, modelVersion);
            }
        }

        return InferenceResponse.FromUtf8(buffer.WrittenMemory);
    }

    // Lift Wing's dict order: label and features (extended output only) come before score, then the fixed keys.
    private static void WriteItem(Utf8JsonWriter w, ArticleQualityItem item, string modelName, string modelVersion)
    {
        var p = item.Prediction ?? throw new InvalidOperationException("item has neither a prediction nor an error.");
        w.WriteStartObject();
        if (item.ExtendedOutput)
        {
            w.WriteString("label", p.Label);
            WriteFeatures(w, p);
        }

        PythonJson.WriteFloat(w, "score", p.Score);
        w.WriteString("model_name", modelName);
        w.WriteString("model_version", modelVersion);
        w.WriteString("wiki_db", item.WikiDb);
        if (item.RevisionIdText is { } text)
        {
            w.WriteString("revision_id", text);
        }
        else if (item.RevisionId is { } rev)
        {
            w.WriteNumber("revision_id", rev);
        }

        w.WriteEndObject();
    }

    private static void WriteFeatures(Utf8JsonWriter w, ArticleQualityPrediction p)
    {
        w.WriteStartObject("features");
        w.WriteStartObject("raw");
        var f = p.Raw;
        w.WriteNumber("characters", f.Characters);
        w.WriteNumber("refs", f.Refs);
        w.WriteNumber("wikilinks", f.Wikilinks);
        w.WriteNumber("categories", f.Categories);
        w.WriteNumber("media", f.Media);
        w.WriteNumber("headings", f.Headings);
        w.WriteNumber("sources", f.Sources);
        w.WriteBoolean("infobox", f.Infobox);
        w.WriteBoolean("messagebox", f.Messagebox);
        w.WriteEndObject();
        w.WriteStartObject("normalized");
        var x = p.Normalized;
        PythonJson.WriteCapped(w, "characters", x[0]);
        PythonJson.WriteCapped(w, "refs", x[1]);
        PythonJson.WriteCapped(w, "wikilinks", x[2]);
        PythonJson.WriteCapped(w, "categories", x[3]);
        PythonJson.WriteCapped(w, "media", x[4]);
        PythonJson.WriteCapped(w, "headings", x[5]);
        PythonJson.WriteCapped(w, "sources", x[6]);
        w.WriteBoolean("infobox", f.Infobox);
        w.WriteBoolean("messagebox", f.Messagebox);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using Microsoft.AspNetCore.WebUtilities;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>Scores through a model served by this process (the data plane, its cache included).</summary>
internal sealed class OresInProcessScorer(InferenceService inference)
{
    /// <summary>Scores one revision; model errors become per-score errors with the HTTP reason phrase as type.</summary>
    public async Task<OresScore> ScoreAsync(OresModelEntry entry, long revid, bool features, CancellationToken cancellationToken)
    {
        var body = new JsonObject();
        foreach (var (key, value) in entry.RequestFields ?? [])
        {
            body[key] = value?.DeepClone();
        }

        body["rev_id"] = revid;
        if (features)
        {
            body["extended_output"] = true;
        }

        using var doc = JsonDocument.Parse(body.ToJsonString());
        var request = new InferenceRequest { ModelName = entry.LiftWingModel!, Protocol = InferenceProtocol.V1, Body = doc.RootElement };
        try
        {
            var response = await inference.InferAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != 200)
            {
                return OresScore.Error(entry, revid, OresUpstreamClient.ErrorMessage("application/json", response.Json.ToArray()), ReasonPhrases.GetReasonPhrase(response.StatusCode));
            }

            return OresAnswerParser.Parse(entry, revid, response.Json);
        }
        catch (LiftWingException ex)
        {
            return OresScore.Error(entry, revid, ex.Message, ReasonPhrases.GetReasonPhrase(ex.StatusCode));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return OresScore.Error(entry, revid, "The request timed out.", "TimeoutError");
        }
    }
}

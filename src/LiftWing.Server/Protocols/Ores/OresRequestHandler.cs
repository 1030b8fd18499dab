using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>
/// The four <c>/v3/scores</c> routes, with ores-legacy's checks in its order: parameter validation (422), then
/// <c>model_info</c>/<c>inject</c>, context and models, <c>revids</c>, and the request limit.
/// </summary>
internal sealed class OresRequestHandler(OresCatalogue catalogue, OresScorer scorer, OresThresholds thresholds, IOptions<OresOptions> options)
{
    private readonly int _limit = options.Value.RequestLimit;

    /// <summary><c>GET /v3/scores/</c>: the catalogue.</summary>
    public JsonNode List(IQueryCollection query)
    {
        if (OresQuery.NonEmpty(query, "model_info") is not null)
        {
            // Every context has models without a threshold table, so this is always ores-legacy's 400.
            throw OresErrors.Unsupported("model_info");
        }

        var doc = new JsonObject();
        foreach (var context in catalogue.Contexts)
        {
            doc[context.Name] = Listing(context.DefaultModels);
        }

        return doc;
    }

    /// <summary><c>GET /v3/scores/{context}/</c>: the context's models, or scores for <c>revids</c>.</summary>
    public async Task<JsonNode> ContextAsync(string context, HttpRequest request, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var features = Validate(query, null);
        var info = ModelInfo(query, context);
        var (ctx, models) = CheckModels(context, OresQuery.Last(query, "models"));
        var revids = new List<long>();
        if (OresQuery.Last(query, "revids") is { Length: > 0 } text)
        {
            foreach (var part in text.Split('|'))
            {
                revids.Add(OresQuery.TryRevid(part, out var r) ? r : throw OresErrors.BadRevids());
            }
        }

        var requested = revids.Count * models.Count;
        if (requested > _limit)
        {
            throw OresErrors.TooMany(requested, _limit);
        }

        if (revids.Count == 0)
        {
            if (info is not null)
            {
                var withInfo = new JsonObject();
                foreach (var m in models)
                {
                    withInfo[m.Name] = info[m.Name].DeepClone();
                }

                return new JsonObject { [context] = new JsonObject { ["models"] = withInfo } };
            }

            // ores-legacy lists the requested models in catalogue order.
            var selected = ctx.Models.Where(m => models.Contains(m)).ToList();
            return new JsonObject { [context] = Listing(selected) };
        }

        return await scorer.ScoreAsync(context, models, revids, features, info, Headers(request), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /v3/scores/{context}/{revid}/</c>: one revision, all (or the listed) models.</summary>
    public Task<JsonObject> RevisionAsync(string context, string revidText, HttpRequest request, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var features = Validate(query, revidText);
        var info = ModelInfo(query, context);
        var (_, models) = CheckModels(context, OresQuery.Last(query, "models"));
        OresQuery.TryRevid(revidText, out var revid);
        return scorer.ScoreAsync(context, models, [revid], features, info, Headers(request), cancellationToken);
    }

    /// <summary><c>GET /v3/scores/{context}/{revid}/{model}</c>: one score.</summary>
    public Task<JsonObject> ModelAsync(string context, string revidText, string model, HttpRequest request, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var features = Validate(query, revidText);
        if (OresQuery.NonEmpty(query, "inject") is not null)
        {
            throw OresErrors.Unsupported("inject");
        }

        var info = ModelInfo(query, context, model);
        var (_, models) = CheckModels(context, model);
        OresQuery.TryRevid(revidText, out var revid);
        return scorer.ScoreAsync(context, models, [revid], features, info, Headers(request), cancellationToken);
    }

    // FastAPI validates typed parameters before the route runs and reports every failure at once (422).
    private static bool Validate(IQueryCollection query, string? revidText)
    {
        var errors = new List<(string, string, string, string)>();
        if (revidText is not null && !OresQuery.TryRevid(revidText, out _))
        {
            errors.Add(("path", "revid", "value is not a valid integer", "type_error.integer"));
        }

        var features = OresQuery.Features(query);
        if (features is null)
        {
            errors.Add(("query", "features", "value could not be parsed to a boolean", "type_error.bool"));
        }

        return errors.Count > 0 ? throw OresErrors.Validation(errors) : features!.Value;
    }

    private (OresContext Context, IReadOnlyList<OresModelEntry> Models) CheckModels(string context, string? models)
    {
        if (!catalogue.TryGet(context, out var ctx))
        {
            throw OresErrors.UnknownContext(context);
        }

        if (string.IsNullOrEmpty(models))
        {
            return (ctx, ctx.DefaultModels);
        }

        var list = new List<OresModelEntry>();
        foreach (var name in models.Split('|'))
        {
            if (!ctx.TryGet(name, out var entry))
            {
                throw OresErrors.UnknownModel(name, context);
            }

            if (!list.Contains(entry))
            {
                list.Add(entry);
            }
        }

        return (ctx, list);
    }

    /// <summary>
    /// The <c>model_info</c> documents per model, or null without the parameter. ores-legacy refuses any model_info;
    /// here models whose card ships a threshold table answer it as ORES did, and everything else keeps that refusal.
    /// </summary>
    private Dictionary<string, JsonObject>? ModelInfo(IQueryCollection query, string context, string? model = null)
    {
        if (OresQuery.NonEmpty(query, "model_info") is not { } paths)
        {
            return null;
        }

        var names = model ?? OresQuery.Last(query, "models");
        if (!catalogue.TryGet(context, out var ctx))
        {
            throw OresErrors.Unsupported("model_info");
        }

        var selected = new List<OresModelEntry>();
        foreach (var name in string.IsNullOrEmpty(names) ? ctx.DefaultModels.Select(m => m.Name) : names.Split('|'))
        {
            selected.Add(ctx.TryGet(name, out var entry) ? entry : throw OresErrors.Unsupported("model_info"));
        }

        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var entry in selected)
        {
            var table = thresholds.For(entry) ?? throw OresErrors.Unsupported("model_info");
            result[entry.Name] = OresModelInfo.Build(paths, entry.Version, table);
        }

        return result;
    }

    private static JsonObject Listing(IEnumerable<OresModelEntry> models)
    {
        var node = new JsonObject();
        foreach (var m in models)
        {
            node[m.Name] = new JsonObject { ["version"] = m.Version };
        }

        return new JsonObject { ["models"] = node };
    }

    private static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.CacheControl.Count > 0
            ? new Dictionary<string, string>(StringComparer.Ordinal) { ["cache-control"] = request.Headers.CacheControl.ToString() }
            : Empty;

    private static readonly Dictionary<string, string> Empty = new(StringComparer.Ordinal);
}

using LiftWing.Core.Inference;

namespace LiftWing.Core.Caching;

/// <summary>A batch whose every item has a key: the items as single requests and their full keys.</summary>
internal sealed record BatchPlan(IBatchCacheable Batch, IReadOnlyList<InferenceRequest> Items, PredictionKey[] Keys)
{
    /// <summary>The model's own keys of the items (without model name and version), in order.</summary>
    public string[] ItemKeys()
    {
        var keys = new string[Keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Keys[i].Item;
        }

        return keys;
    }
}

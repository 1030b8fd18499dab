using LiftWing.Core.Inference;

namespace LiftWing.Core.Caching;

/// <summary>
/// Optional for models whose requests can carry several items (e.g. <c>{"instances": [...]}</c>): lets the
/// cache look each item up on its own, so a batch of 20 with 15 cached computes only the 5 others. The model
/// owns its JSON shape: it splits a request into single-item requests, joins item requests back into one
/// batch request for the misses, splits that batch's response per item, and joins item responses into the
/// response it would have given for the whole batch — byte for byte.
/// </summary>
public interface IBatchCacheable
{
    /// <summary>The items of a batch request, each a request of its own; null when the request is not a batch.</summary>
    IReadOnlyList<InferenceRequest>? SplitRequest(InferenceRequest request);

    /// <summary>One batch request made of item requests (for computing the misses at once).</summary>
    InferenceRequest JoinRequests(InferenceRequest original, IReadOnlyList<InferenceRequest> items);

    /// <summary>The per-item responses of a batch response, in item order; <paramref name="count"/> items are expected.</summary>
    IReadOnlyList<InferenceResponse> SplitResponse(InferenceResponse response, int count);

    /// <summary>
    /// The batch response made of per-item responses, in item order. It depends on the items only: when the edge answers
    /// a repeated batch from its remembered item keys, <paramref name="original"/> carries no body.
    /// </summary>
    InferenceResponse JoinResponses(InferenceRequest original, IReadOnlyList<InferenceResponse> items);
}

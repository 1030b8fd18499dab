using LiftWing.Core.Inference;

namespace LiftWing.Core.Caching;

/// <summary>
/// A batch's item keys supplied by the caller (<see cref="InferenceRequest.ItemCacheKeys"/>) instead of split from the
/// body: good for an in-memory probe only, since the items themselves are not there to compute.
/// </summary>
internal sealed record RememberedItemKeys(string[] Keys);

namespace LiftWing.Core.Caching;

/// <summary>The L2 store could not be opened; the cache serves around it.</summary>
internal sealed class PredictionStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

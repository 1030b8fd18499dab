namespace LiftWing.Core.Caching;

/// <summary>A cached answer: the status code and the exact response bytes.</summary>
/// <param name="StatusCode">The HTTP status (only 200 is cached today).</param>
/// <param name="Body">The UTF-8 JSON body, byte for byte as the model wrote it.</param>
public readonly record struct CachedResponse(int StatusCode, ReadOnlyMemory<byte> Body);

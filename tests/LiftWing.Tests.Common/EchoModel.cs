using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;

namespace LiftWing.Tests.Common;

/// <summary>
/// A trivial V1 model for tests and benchmarks (KServe's DummyModel): answers <c>{"echo": body, "model": name}</c>.
/// <c>{"fail": "invalid"}</c> throws a 400, <c>{"fail": "crash"}</c> throws inside predict (500),
/// <c>{"sleep_ms": N}</c> waits in predict (for timeout and shutdown tests), <c>{"echo_headers": ["name", ...]}</c>
/// adds <c>"headers"</c> (each named request header, or null) and <c>"request_id"</c> to the answer, so a test can see
/// what reached the model.
/// </summary>
public sealed class EchoModel(ModelConfig config) : ModelBase<JsonElement, JsonElement>(config)
{
    /// <summary>The server type to register it under.</summary>
    public const string ServerType = "echo";

    /// <summary>How many predictions ran (cache and batching tests count on it).</summary>
    public int PredictCount => _predictCount;

    /// <summary>How many times the cache asked for a key (the edge remembers keys of repeated bodies).</summary>
    public int KeyCount => _keyCount;

    private int _predictCount;
    private int _keyCount;

    /// <inheritdoc />
    protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken) =>
        Config.GetOptions<EchoOptions>().FailLoad ? throw new InvalidOperationException("configured to fail loading") : Task.CompletedTask;

    /// <inheritdoc />
    protected override ValueTask<JsonElement> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Body.TryGetProperty("fail", out var f) && f.GetString() == "invalid")
        {
            throw new InvalidInputException("The parameter fail asked for a 400.");
        }

        return ValueTask.FromResult(request.Body.Clone());
    }

    /// <inheritdoc />
    protected override async ValueTask<JsonElement> PredictAsync(JsonElement input, InferenceRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _predictCount);
        if (input.TryGetProperty("sleep_ms", out var s) && s.TryGetInt32(out var ms))
        {
            await Task.Delay(ms, cancellationToken).ConfigureAwait(false);
        }

        if (input.TryGetProperty("fail", out var f) && f.GetString() == "crash")
        {
            throw new InvalidOperationException("the echo model crashed on purpose");
        }

        return input;
    }

    /// <inheritdoc />
    protected override ValueTask<InferenceResponse> PostprocessAsync(JsonElement output, InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var answer = new Dictionary<string, object?> { ["echo"] = output, ["model"] = Name };
        if (output.ValueKind == JsonValueKind.Object && output.TryGetProperty("echo_headers", out var names) && names.ValueKind == JsonValueKind.Array)
        {
            answer["headers"] = names.EnumerateArray().Select(n => n.GetString() ?? "")
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToDictionary(n => n, n => request.Headers.TryGetValue(n, out var v) ? v : null);
            answer["request_id"] = request.RequestId;
        }

        return ValueTask.FromResult(InferenceResponse.FromObject(answer));
    }

    /// <inheritdoc />
    public override string? GetCacheKey(InferenceRequest request)
    {
        Interlocked.Increment(ref _keyCount);
        return request is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(request.Body.GetRawText())));
    }

    /// <summary>Options: <c>fail_load: true</c> makes loading fail.</summary>
    public sealed class EchoOptions
    {
        /// <summary>Whether loading fails.</summary>
        public bool FailLoad { get; set; }
    }
}

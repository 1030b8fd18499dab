using System.Text.Json;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;

namespace LiftWing.FunctionalTests.Hardening;

/// <summary>
/// A CPU-bound test model: predict spins, checking its cancellation token as the real CPU-bound stages do,
/// until the token fires; it records when work started and stopped.
/// </summary>
internal sealed class SpinModel(ModelConfig config) : ModelBase<JsonElement, JsonElement>(config)
{
    public const string ServerType = "spin";

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override ValueTask<JsonElement> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(request.Body.Clone());

    protected override ValueTask<JsonElement> PredictAsync(JsonElement input, InferenceRequest request, CancellationToken cancellationToken)
    {
        Started.TrySetResult();
        try
        {
            var x = 0UL;
            while (true)
            {
                for (var i = 0; i < 10_000; i++)
                {
                    x = (x * 6364136223846793005UL) + 1442695040888963407UL;
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            Stopped.TrySetResult();
        }
    }

    protected override ValueTask<InferenceResponse> PostprocessAsync(JsonElement output, InferenceRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(InferenceResponse.FromObject(new Dictionary<string, object> { ["done"] = true }));
}

using System.Text.Json;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;

namespace LiftWing.Core.Tests.Repository;

/// <summary>
/// A model whose predict waits for the test to open a gate, and which records whether it was disposed
/// while a prediction ran (what crashed ONNX Runtime).
/// </summary>
internal sealed class GateModel(ModelConfig config, TaskCompletionSource gate) : ModelBase<JsonElement, JsonElement>(config)
{
    private int _running;

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Disposed { get; private set; }

    public bool DisposedWhileRunning { get; private set; }

    public bool FailLoad { get; init; }

    protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken) =>
        FailLoad ? throw new InvalidOperationException("configured to fail") : Task.CompletedTask;

    protected override ValueTask<JsonElement> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(request.Body.Clone());

    protected override async ValueTask<JsonElement> PredictAsync(JsonElement input, InferenceRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _running);
        try
        {
            Started.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            ObjectDisposedException.ThrowIf(Disposed, this);
            return input;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    protected override ValueTask<InferenceResponse> PostprocessAsync(JsonElement output, InferenceRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(InferenceResponse.FromObject(new Dictionary<string, object> { ["instance"] = RuntimeHelpers.GetHashCode(this) }));

    public override ValueTask DisposeAsync()
    {
        DisposedWhileRunning |= Volatile.Read(ref _running) > 0;
        Disposed = true;
        return base.DisposeAsync();
    }

    private static class RuntimeHelpers
    {
        public static int GetHashCode(object o) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(o);
    }
}

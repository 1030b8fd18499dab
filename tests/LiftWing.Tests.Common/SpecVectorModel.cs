using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Tensors;

namespace LiftWing.Tests.Common;

/// <summary>
/// A tensor model with the signature of the binary tensor extension's example: <c>input0</c> UINT32 [2,2] and
/// <c>input1</c> BOOL [3] in, <c>output0</c> FP32 [3,2] out. Row i is <c>[i+1, i+1 + input0[0]/10]</c> where
/// <c>input1[i]</c> is true (zeros otherwise), so the spec's request gives the spec's answer [1,1.1,2,2.1,3,3.1].
/// A request parameter <c>echo_header</c> naming a header adds response parameters <c>header</c> (its value) and
/// <c>request_id</c>, so a test can see what reached the model.
/// </summary>
public sealed class SpecVectorModel(ModelConfig config) : ModelBase<(uint[] A, bool[] B), float[]>(config)
{
    /// <summary>The server type to register it under.</summary>
    public const string ServerType = "spec-vector";

    /// <inheritdoc />
    public override ModelMetadata Metadata { get; } = new()
    {
        Platform = "liftwing",
        Inputs = [new TensorSpec("input0", "UINT32", [2, 2]), new TensorSpec("input1", "BOOL", [3])],
        Outputs = [new TensorSpec("output0", "FP32", [3, 2])],
    };

    /// <inheritdoc />
    protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    protected override ValueTask<(uint[] A, bool[] B)> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inputs = request.Tensors?.Inputs ?? throw new InvalidInputException("spec-vector takes V2 tensors.");
        var a = inputs.FirstOrDefault(t => t.Name == "input0")?.Data as uint[];
        var b = inputs.FirstOrDefault(t => t.Name == "input1")?.Data as bool[];
        return a is { Length: 4 } && b is { Length: 3 } && inputs.First(t => t.Name == "input0").Datatype == "UINT32"
            ? ValueTask.FromResult((a, b))
            : throw new InvalidInputException("spec-vector needs input0 UINT32 [2,2] and input1 BOOL [3].");
    }

    /// <inheritdoc />
    protected override ValueTask<float[]> PredictAsync((uint[] A, bool[] B) input, InferenceRequest request, CancellationToken cancellationToken)
    {
        var output = new float[6];
        for (var i = 0; i < 3; i++)
        {
            if (input.B[i])
            {
                output[2 * i] = i + 1;
                output[(2 * i) + 1] = i + 1 + (input.A[0] / 10f);
            }
        }

        return ValueTask.FromResult(output);
    }

    /// <inheritdoc />
    protected override ValueTask<InferenceResponse> PostprocessAsync(float[] output, InferenceRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new InferenceResponse
        {
            Tensors = new InferTensorResponse
            {
                ModelName = Name,
                ModelVersion = Version,
                Id = request?.Tensors?.Id,
                Outputs = [new TensorData("output0", "FP32", [3, 2], output)],
                Parameters = request?.Tensors?.Parameters?.TryGetValue("echo_header", out var name) == true && name is string header
                    ? new Dictionary<string, object?> { ["header"] = request.Headers.TryGetValue(header, out var v) ? v : null, ["request_id"] = request.RequestId }
                    : null,
            },
        });
}

using System.ComponentModel.DataAnnotations;

namespace LiftWing.Models.Onnx;

/// <summary>Options of the generic <c>onnx</c> server (<c>options:</c> in model.yaml).</summary>
internal sealed class OnnxModelOptions
{
    /// <summary>Threads ONNX Runtime uses inside one operator. The default is 1: requests run in parallel instead.</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>The largest element count of one input tensor. The default is 4,194,304.</summary>
    [Range(typeof(long), "1", "9223372036854775807")]
    public long MaxElements { get; set; } = 4 * 1024 * 1024;
}

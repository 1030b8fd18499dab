using LiftWing.Core.Models;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LiftWing.Runtimes.Onnx;

/// <summary>One input or output of an ONNX graph: name, element type and shape (-1 for a symbolic dimension).</summary>
public sealed record OnnxTensorInfo(string Name, TensorElementType ElementType, IReadOnlyList<long> Shape)
{
    /// <summary>The V2 datatype of the element type (BYTES for strings).</summary>
    public string Datatype => OnnxDatatypes.ToV2(ElementType);

    /// <summary>The V2 metadata description.</summary>
    public TensorSpec ToTensorSpec() => new(Name, Datatype, Shape);
}

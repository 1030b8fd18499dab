using Microsoft.ML.OnnxRuntime.Tensors;

namespace LiftWing.Runtimes.Onnx;

/// <summary>Maps ONNX tensor element types to V2 datatype names.</summary>
public static class OnnxDatatypes
{
    /// <summary>The V2 datatype for an ONNX element type.</summary>
    public static string ToV2(TensorElementType type) => type switch
    {
        TensorElementType.Bool => "BOOL",
        TensorElementType.Int8 => "INT8",
        TensorElementType.Int16 => "INT16",
        TensorElementType.Int32 => "INT32",
        TensorElementType.Int64 => "INT64",
        TensorElementType.UInt8 => "UINT8",
        TensorElementType.UInt16 => "UINT16",
        TensorElementType.UInt32 => "UINT32",
        TensorElementType.UInt64 => "UINT64",
        TensorElementType.Float16 => "FP16",
        TensorElementType.BFloat16 => "BF16",
        TensorElementType.Float => "FP32",
        TensorElementType.Double => "FP64",
        TensorElementType.String => "BYTES",
        _ => throw new NotSupportedException($"ONNX element type {type} has no V2 datatype."),
    };
}

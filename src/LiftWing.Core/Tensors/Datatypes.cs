using LiftWing.Core.Errors;

namespace LiftWing.Core.Tensors;

/// <summary>The V2 datatype names and their .NET element types.</summary>
public static class Datatypes
{
    /// <summary>Every datatype this server accepts.</summary>
    public static readonly IReadOnlyList<string> All =
        ["BOOL", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64", "FP16", "BF16", "FP32", "FP64", "BYTES"];

    /// <summary>The element type for a datatype, or a 400 naming it.</summary>
    public static Type ElementType(string datatype) => datatype switch
    {
        "BOOL" => typeof(bool),
        "INT8" => typeof(sbyte),
        "INT16" => typeof(short),
        "INT32" => typeof(int),
        "INT64" => typeof(long),
        "UINT8" => typeof(byte),
        "UINT16" => typeof(ushort),
        "UINT32" => typeof(uint),
        "UINT64" => typeof(ulong),
        "FP16" => typeof(Half),
        "BF16" => typeof(BFloat16),
        "FP32" => typeof(float),
        "FP64" => typeof(double),
        "BYTES" => typeof(string),
        _ => throw new InvalidInputException($"Unsupported datatype '{datatype}'. Supported: {string.Join(", ", All)}."),
    };

    /// <summary>The datatype name of an element type.</summary>
    public static string FromElementType(Type type) =>
        type == typeof(bool) ? "BOOL" : type == typeof(sbyte) ? "INT8" : type == typeof(short) ? "INT16" :
        type == typeof(int) ? "INT32" : type == typeof(long) ? "INT64" : type == typeof(byte) ? "UINT8" :
        type == typeof(ushort) ? "UINT16" : type == typeof(uint) ? "UINT32" : type == typeof(ulong) ? "UINT64" :
        type == typeof(Half) ? "FP16" : type == typeof(BFloat16) ? "BF16" : type == typeof(float) ? "FP32" : type == typeof(double) ? "FP64" : type == typeof(string) ? "BYTES" :
        throw new ArgumentException($"No V2 datatype for {type}.", nameof(type));

    /// <summary>The size in bytes of one element in the raw layout (BOOL is one byte); 0 for BYTES.</summary>
    public static int ElementSize(string datatype) => datatype switch
    {
        "BOOL" or "INT8" or "UINT8" => 1,
        "INT16" or "UINT16" or "FP16" or "BF16" => 2,
        "INT32" or "UINT32" or "FP32" => 4,
        "INT64" or "UINT64" or "FP64" => 8,
        "BYTES" => 0,
        _ => throw new InvalidInputException($"Unsupported datatype '{datatype}'. Supported: {string.Join(", ", All)}."),
    };
}

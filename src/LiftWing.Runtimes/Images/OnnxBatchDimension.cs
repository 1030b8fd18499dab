namespace LiftWing.Runtimes.Images;

/// <summary>
/// Rewrites an ONNX model so that the first dimension of its graph inputs, outputs and intermediate value infos
/// is symbolic (<c>N</c>) instead of a fixed 1. The CNTK export of ResNet18 pins the batch to 1, which ONNX
/// Runtime enforces; the convolution weights do not depend on it, so a batch of images can run in one call once
/// the declared shapes allow it. Only the protobuf envelope is re-encoded; every other byte (weights, nodes) is
/// copied verbatim.
/// </summary>
internal static class OnnxBatchDimension
{
    // Field numbers from onnx.proto3.
    private const int ModelGraph = 7;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;
    private const int GraphValueInfo = 13;
    private const int TensorName = 8;
    private const int ValueInfoType = 2;
    private const int TypeTensor = 1;
    private const int TensorTypeShape = 2;
    private const int ShapeDim = 1;
    private const int DimValue = 1;
    private const int DimParam = 2;

    /// <summary>Returns the model bytes with a symbolic batch dimension.</summary>
    public static byte[] MakeBatchDynamic(ReadOnlySpan<byte> model, string dimName = "N")
    {
        // The weights make up nearly all of the model (63 MB for ResNet18), so every whole-model copy counts at load:
        // the graph is rewritten once into its own stream and the result is written straight into an array of the
        // exact size, instead of growing another stream and copying it out.
        var fields = ReadFields(model);
        using var graph = new MemoryStream();
        var length = 0L;
        foreach (var f in fields)
        {
            if (f.Number == ModelGraph && f.WireType == 2)
            {
                RewriteGraph(model.Slice(f.ValueStart, f.ValueLength), dimName, graph);
                length += BytesFieldLength(ModelGraph, graph.Length);
            }
            else
            {
                length += f.End - f.Start;
            }
        }

        var result = new byte[length];
        using var output = new MemoryStream(result, writable: true);
        foreach (var f in fields)
        {
            if (f.Number == ModelGraph && f.WireType == 2)
            {
                WriteBytesField(output, ModelGraph, graph.GetBuffer().AsSpan(0, (int)graph.Length));
            }
            else
            {
                output.Write(model.Slice(f.Start, f.End - f.Start));
            }
        }

        return result;
    }

    private static long BytesFieldLength(int number, long valueLength) =>
        VarintLength(((ulong)number << 3) | 2) + VarintLength((ulong)valueLength) + valueLength;

    private static int VarintLength(ulong value)
    {
        var n = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            n++;
        }

        return n;
    }

    private static void RewriteGraph(ReadOnlySpan<byte> graph, string dimName, MemoryStream output)
    {
        // Old-IR exports list the weights among the graph inputs; their shapes must stay as they are.
        var initializers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in ReadFields(graph))
        {
            if (f.Number == GraphInitializer && f.WireType == 2)
            {
                foreach (var t in ReadFields(graph.Slice(f.ValueStart, f.ValueLength)))
                {
                    if (t.Number == TensorName && t.WireType == 2)
                    {
                        initializers.Add(System.Text.Encoding.UTF8.GetString(graph.Slice(f.ValueStart + t.ValueStart, t.ValueLength)));
                    }
                }
            }
        }

        output.Capacity = graph.Length + 1024;
        foreach (var f in ReadFields(graph))
        {
            var value = graph.Slice(f.ValueStart, f.ValueLength);
            if (f.WireType == 2 && f.Number is GraphInput or GraphOutput or GraphValueInfo && !initializers.Contains(ValueInfoName(value)))
            {
                WriteBytesField(output, f.Number, RewriteNested(value, [ValueInfoType, TypeTensor, TensorTypeShape], dimName));
            }
            else
            {
                output.Write(graph.Slice(f.Start, f.End - f.Start));
            }
        }
    }

    private static string ValueInfoName(ReadOnlySpan<byte> valueInfo)
    {
        foreach (var f in ReadFields(valueInfo))
        {
            if (f.Number == 1 && f.WireType == 2)
            {
                return System.Text.Encoding.UTF8.GetString(valueInfo.Slice(f.ValueStart, f.ValueLength));
            }
        }

        return "";
    }

    // Walks ValueInfo → TypeProto → Tensor → Shape, then replaces the first dim if it is a fixed 1.
    private static byte[] RewriteNested(ReadOnlySpan<byte> message, int[] path, string dimName)
    {
        using var output = new MemoryStream(message.Length + 8);
        var firstDimSeen = false;
        foreach (var f in ReadFields(message))
        {
            var value = message.Slice(f.ValueStart, f.ValueLength);
            if (path.Length > 0 && f.Number == path[0] && f.WireType == 2)
            {
                WriteBytesField(output, f.Number, RewriteNested(value, path[1..], dimName));
            }
            else if (path.Length == 0 && f.Number == ShapeDim && f.WireType == 2 && !firstDimSeen)
            {
                firstDimSeen = true;
                WriteBytesField(output, ShapeDim, IsFixedOne(value) ? DimParamBytes(dimName) : value.ToArray());
            }
            else
            {
                output.Write(message.Slice(f.Start, f.End - f.Start));
            }
        }

        return output.ToArray();
    }

    private static bool IsFixedOne(ReadOnlySpan<byte> dim)
    {
        foreach (var f in ReadFields(dim))
        {
            if (f.Number == DimValue && f.WireType == 0)
            {
                var pos = f.ValueStart;
                return ReadVarint(dim, ref pos) == 1;
            }
        }

        return false;
    }

    private static byte[] DimParamBytes(string name)
    {
        using var ms = new MemoryStream();
        WriteBytesField(ms, DimParam, System.Text.Encoding.UTF8.GetBytes(name));
        return ms.ToArray();
    }

    private static void WriteBytesField(Stream output, int number, ReadOnlySpan<byte> value)
    {
        WriteVarint(output, ((ulong)number << 3) | 2);
        WriteVarint(output, (ulong)value.Length);
        output.Write(value);
    }

    private static void WriteVarint(Stream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        output.WriteByte((byte)value);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length)
            {
                throw new InvalidDataException("truncated varint in ONNX model.");
            }

            var b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("varint too long in ONNX model.");
    }

    private readonly record struct Field(int Number, int WireType, int Start, int ValueStart, int ValueLength, int End);

    private static List<Field> ReadFields(ReadOnlySpan<byte> data)
    {
        var fields = new List<Field>();
        var pos = 0;
        while (pos < data.Length)
        {
            var start = pos;
            var key = ReadVarint(data, ref pos);
            var number = (int)(key >> 3);
            var wire = (int)(key & 7);
            int valueStart;
            int valueLength;
            switch (wire)
            {
                case 0:
                    valueStart = pos;
                    ReadVarint(data, ref pos);
                    valueLength = pos - valueStart;
                    break;
                case 1:
                    valueStart = pos;
                    valueLength = 8;
                    pos += 8;
                    break;
                case 2:
                    var len = checked((int)ReadVarint(data, ref pos));
                    valueStart = pos;
                    valueLength = len;
                    pos += len;
                    break;
                case 5:
                    valueStart = pos;
                    valueLength = 4;
                    pos += 4;
                    break;
                default:
                    throw new InvalidDataException($"unsupported protobuf wire type {wire} in ONNX model.");
            }

            if (pos > data.Length)
            {
                throw new InvalidDataException("truncated field in ONNX model.");
            }

            fields.Add(new Field(number, wire, start, valueStart, valueLength, pos));
        }

        return fields;
    }
}

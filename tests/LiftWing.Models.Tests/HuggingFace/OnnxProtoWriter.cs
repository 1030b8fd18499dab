using System.Runtime.InteropServices;
using System.Text;

namespace LiftWing.Models.Tests.HuggingFace;

/// <summary>
/// A minimal ONNX (protobuf) writer so tests can build small graphs without Python: only the ModelProto,
/// GraphProto, NodeProto, TensorProto and ValueInfoProto fields the tests use. Field numbers are from onnx.proto.
/// </summary>
internal sealed class OnnxProtoWriter
{
    private const int Float = 1;
    private const int Int64 = 7;
    private readonly List<byte[]> _nodes = [];
    private readonly List<byte[]> _initializers = [];
    private readonly List<byte[]> _inputs = [];
    private readonly List<byte[]> _outputs = [];

    public OnnxProtoWriter Node(string op, string[] inputs, string[] outputs, params (string Name, long Value)[] intAttributes)
    {
        var m = new Message();
        foreach (var i in inputs)
        {
            m.String(1, i);
        }

        foreach (var o in outputs)
        {
            m.String(2, o);
        }

        m.String(3, op + "_" + _nodes.Count);
        m.String(4, op);
        foreach (var (name, value) in intAttributes)
        {
            m.Bytes(5, new Message().String(1, name).Varint(3, value).Varint(20, 2).ToArray());
        }

        _nodes.Add(m.ToArray());
        return this;
    }

    public OnnxProtoWriter FloatInitializer(string name, long[] dims, float[] values) =>
        Initializer(name, dims, Float, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public OnnxProtoWriter Int64Initializer(string name, long[] dims, long[] values) =>
        Initializer(name, dims, Int64, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public OnnxProtoWriter Input(string name, bool int64, params object[] dims)
    {
        _inputs.Add(ValueInfo(name, int64 ? Int64 : Float, dims));
        return this;
    }

    public OnnxProtoWriter Output(string name, bool int64, params object[] dims)
    {
        _outputs.Add(ValueInfo(name, int64 ? Int64 : Float, dims));
        return this;
    }

    public byte[] Build(int opset = 13)
    {
        var graph = new Message();
        _nodes.ForEach(n => graph.Bytes(1, n));
        graph.String(2, "test_graph");
        _initializers.ForEach(t => graph.Bytes(5, t));
        _inputs.ForEach(i => graph.Bytes(11, i));
        _outputs.ForEach(o => graph.Bytes(12, o));
        return new Message()
            .Varint(1, 8)
            .String(2, "liftwing-tests")
            .Bytes(7, graph.ToArray())
            .Bytes(8, new Message().String(1, "").Varint(2, opset).ToArray())
            .ToArray();
    }

    private OnnxProtoWriter Initializer(string name, long[] dims, int type, byte[] raw)
    {
        var t = new Message();
        foreach (var d in dims)
        {
            t.Varint(1, d);
        }

        _initializers.Add(t.Varint(2, type).String(8, name).Bytes(9, raw).ToArray());
        return this;
    }

    private static byte[] ValueInfo(string name, int elemType, object[] dims)
    {
        var shape = new Message();
        foreach (var d in dims)
        {
            var dim = d is string param ? new Message().String(2, param) : new Message().Varint(1, Convert.ToInt64(d));
            shape.Bytes(1, dim.ToArray());
        }

        var tensorType = new Message().Varint(1, elemType).Bytes(2, shape.ToArray());
        var type = new Message().Bytes(1, tensorType.ToArray());
        return new Message().String(1, name).Bytes(2, type.ToArray()).ToArray();
    }

    private sealed class Message
    {
        private readonly MemoryStream _buffer = new();

        public Message Varint(int field, long value)
        {
            Key(field, 0);
            WriteVarint((ulong)value);
            return this;
        }

        public Message String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public Message Bytes(int field, byte[] value)
        {
            Key(field, 2);
            WriteVarint((ulong)value.Length);
            _buffer.Write(value);
            return this;
        }

        public byte[] ToArray() => _buffer.ToArray();

        private void Key(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

        private void WriteVarint(ulong v)
        {
            while (v >= 0x80)
            {
                _buffer.WriteByte((byte)(v | 0x80));
                v >>= 7;
            }

            _buffer.WriteByte((byte)v);
        }
    }
}

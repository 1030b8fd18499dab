namespace LiftWing.Runtimes.Onnx;

/// <summary>
/// Builds small ONNX models (opset 13) from code: float initializers, nodes, and typed inputs/outputs.
/// Used to generate the example model in <c>models/</c> and test models, with no Python or protobuf package.
/// Field numbers follow onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto).
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>ONNX TensorProto.DataType FLOAT.</summary>
    public const int ElementFloat = 1;

    /// <summary>ONNX TensorProto.DataType INT64.</summary>
    public const int ElementInt64 = 7;

    /// <summary>ONNX TensorProto.DataType FLOAT16.</summary>
    public const int ElementFloat16 = 10;

    /// <summary>ONNX TensorProto.DataType BFLOAT16.</summary>
    public const int ElementBFloat16 = 16;

    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ProtoWriter> _initializers = [];
    private readonly List<ProtoWriter> _inputs = [];
    private readonly List<ProtoWriter> _outputs = [];
    private readonly string _name;

    /// <summary>Creates a builder for a graph with the given name.</summary>
    public OnnxGraphBuilder(string name) => _name = name;

    /// <summary>Adds a float initializer (a constant tensor).</summary>
    public OnnxGraphBuilder Initializer(string name, long[] dims, float[] values)
    {
        ArgumentNullException.ThrowIfNull(dims);
        var t = new ProtoWriter();
        foreach (var d in dims)
        {
            t.Varint(1, d);
        }

        t.Varint(2, ElementFloat).PackedFloats(4, values).String(8, name);
        _initializers.Add(t);
        return this;
    }

    /// <summary>Adds a node; integer attributes only (enough for Softmax/ArgMax axes).</summary>
    public OnnxGraphBuilder Node(string opType, string[] inputs, string[] outputs, params (string Name, long Value)[] intAttributes)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        var n = new ProtoWriter();
        foreach (var i in inputs)
        {
            n.String(1, i);
        }

        foreach (var o in outputs)
        {
            n.String(2, o);
        }

        n.String(3, $"{opType}_{_nodes.Count}").String(4, opType);
        foreach (var (name, value) in intAttributes)
        {
            // AttributeProto: name=1, i=3, type=20 (INT = 2).
            n.Message(5, new ProtoWriter().String(1, name).Varint(3, value).Varint(20, 2));
        }

        _nodes.Add(n);
        return this;
    }

    /// <summary>Declares a graph input; a null dimension is symbolic (variable).</summary>
    public OnnxGraphBuilder Input(string name, int elemType, params long?[] dims)
    {
        _inputs.Add(ValueInfo(name, elemType, dims));
        return this;
    }

    /// <summary>Declares a graph output.</summary>
    public OnnxGraphBuilder Output(string name, int elemType, params long?[] dims)
    {
        _outputs.Add(ValueInfo(name, elemType, dims));
        return this;
    }

    private static ProtoWriter ValueInfo(string name, int elemType, long?[] dims)
    {
        var shape = new ProtoWriter();
        foreach (var d in dims)
        {
            shape.Message(1, d is { } v ? new ProtoWriter().Varint(1, v) : new ProtoWriter().String(2, "batch"));
        }

        var tensorType = new ProtoWriter().Varint(1, elemType).Message(2, shape);
        var type = new ProtoWriter().Message(1, tensorType);
        return new ProtoWriter().String(1, name).Message(2, type);
    }

    /// <summary>Serialises the ModelProto (IR version 8, opset 13).</summary>
    public byte[] Build(string producer = "liftwing")
    {
        var graph = new ProtoWriter();
        foreach (var n in _nodes)
        {
            graph.Message(1, n);
        }

        graph.String(2, _name);
        foreach (var i in _initializers)
        {
            graph.Message(5, i);
        }

        foreach (var i in _inputs)
        {
            graph.Message(11, i);
        }

        foreach (var o in _outputs)
        {
            graph.Message(12, o);
        }

        return new ProtoWriter()
            .Varint(1, 8)
            .String(2, producer)
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, 13))
            .ToArray();
    }
}

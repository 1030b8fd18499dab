using System.Buffers.Binary;
using Google.Protobuf;
using Inference;

namespace LiftWing.FunctionalTests.Hardening.Corpus;

/// <summary>
/// Hostile gRPC ModelInfer calls as raw request bodies (the 5-byte gRPC frame header and the message bytes),
/// deterministically: malformed protobuf (garbage, truncations, bit flips), broken framing, and well-formed messages
/// with wrong datatypes, shape/contents mismatches, huge or overflowing shapes and bad raw contents lengths.
/// </summary>
internal static class GrpcCorpus
{
    public sealed record Case(string Name, byte[] Body);

    public static IReadOnlyList<Case> Build()
    {
        var cases = new List<Case>();
        void Message(string name, IMessage m) => cases.Add(new Case("message/" + name, Frame(m.ToByteArray())));

        var valid = Linear([1, 4], [5.1f, 3.5f, 1.4f, 0.2f]);
        var validBytes = valid.ToByteArray();

        // 1. Malformed protobuf bytes in a well-formed frame.
        for (var seed = 0; seed < 60; seed++)
        {
            cases.Add(new Case($"garbage/{seed}", Frame(Garbage(1 + (seed * 97 % 4000), seed))));
        }

        for (var cut = 1; cut < validBytes.Length; cut += Math.Max(1, validBytes.Length / 40))
        {
            cases.Add(new Case($"truncated/{cut}", Frame(validBytes[..cut])));
        }

        for (var i = 0; i < 100; i++)
        {
            var flipped = (byte[])validBytes.Clone();
            var at = i * 7 % flipped.Length;
            flipped[at] ^= (byte)(1 << (i % 8));
            cases.Add(new Case($"bit flip/{at}.{i % 8}", Frame(flipped)));
        }

        cases.Add(new Case("protobuf/field with huge length", Frame([0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x41])));
        cases.Add(new Case("protobuf/unterminated varint", Frame([0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])));
        cases.Add(new Case("protobuf/group wire type", Frame([0x0B, 0x0C])));
        cases.Add(new Case("protobuf/invalid utf-8 model name", Frame([0x0A, 0x02, 0xFF, 0xFE])));
        cases.Add(new Case("protobuf/deep nesting", Frame(Nest(2000))));

        // 2. Framing.
        cases.Add(new Case("frame/empty body", []));
        cases.Add(new Case("frame/short header", [0, 0, 0]));
        cases.Add(new Case("frame/length past the data", [0, 0, 0, 0x10, 0, .. validBytes]));
        cases.Add(new Case("frame/length 4 GiB", [0, 0xFF, 0xFF, 0xFF, 0xFF, .. validBytes]));
        cases.Add(new Case("frame/compressed flag without encoding", [1, .. Frame(validBytes)[1..]]));
        cases.Add(new Case("frame/flag 7", [7, .. Frame(validBytes)[1..]]));
        cases.Add(new Case("frame/zero-length message", Frame([])));
        cases.Add(new Case("frame/two messages on a unary call", [.. Frame(validBytes), .. Frame(validBytes)]));
        cases.Add(new Case("frame/trailing bytes", [.. Frame(validBytes), 0, 0]));
        cases.Add(new Case("frame/valid", Frame(validBytes)));

        // 3. Well-formed messages with hostile content.
        foreach (var datatype in new[] { "", "FP99", "fp32", "BYTES", "BOOL", "INT8", "UINT64", "FP16", "BF16", "STRING", "FP32 ", new string('F', 1000) })
        {
            var m = Linear([1, 4], [1, 2, 3, 4]);
            m.Inputs[0].Datatype = datatype;
            Message($"datatype {datatype[..Math.Min(20, datatype.Length)]}", m);
        }

        long[][] shapes =
        [
            [], [0], [0, 4], [1], [4], [2, 4], [1, 4, 1], [-1, 4], [1, -4], [long.MaxValue, 4], [1L << 32, 1L << 32], [1 << 20, 4], [1 << 19, 4],
            [3037000500, 3037000500], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4], [int.MaxValue], [1, 3], [1, 5],
        ];
        foreach (var shape in shapes)
        {
            Message($"shape [{string.Join(",", shape)}] with 4 values", Linear(shape, [1, 2, 3, 4]));
            var raw = Linear(shape, null);
            raw.RawInputContents.Add(ByteString.CopyFrom(new byte[16]));
            Message($"shape [{string.Join(",", shape)}] with 16 raw bytes", raw);
        }

        foreach (var rawLength in new[] { 0, 1, 3, 15, 17, 32, 4096, 1 << 20 })
        {
            var m = Linear([1, 4], null);
            m.RawInputContents.Add(ByteString.CopyFrom(new byte[rawLength]));
            Message($"raw contents of {rawLength} bytes for [1,4] FP32", m);
        }

        {
            var m = Linear([1, 4], [1, 2, 3, 4]);
            m.RawInputContents.Add(ByteString.CopyFrom(new byte[16]));
            Message("raw and typed contents together", m);
            var two = Linear([1, 4], null);
            two.RawInputContents.Add(ByteString.CopyFrom(new byte[16]));
            two.RawInputContents.Add(ByteString.CopyFrom(new byte[16]));
            Message("two raw contents for one input", two);
            var none = Linear([1, 4], null);
            Message("no contents at all", none);
        }

        foreach (var count in new[] { 0, 1, 3, 5, 100_000 })
        {
            Message($"{count} fp32 values for [1,4]", Linear([1, 4], Enumerable.Repeat(1f, count).ToArray()));
        }

        foreach (var value in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.Epsilon })
        {
            Message($"value {value}", Linear([1, 4], [value, value, value, value]));
        }

        foreach (var model in new[] { "", "nope", "../example-linear", "example-linear\0", "EXAMPLE-LINEAR", new string('m', 10_000), "all-MiniLM-L6-v2", "langid" })
        {
            var m = Linear([1, 4], [1, 2, 3, 4]);
            m.ModelName = model;
            Message($"model {model[..Math.Min(20, model.Length)]}", m);
        }

        foreach (var version in new[] { "0", "2", "-1", "x", new string('9', 100) })
        {
            var m = Linear([1, 4], [1, 2, 3, 4]);
            m.ModelVersion = version;
            Message($"version {version[..Math.Min(20, version.Length)]}", m);
        }

        foreach (var inputName in new[] { "", "nope", "INPUT", "input\0" })
        {
            var m = Linear([1, 4], [1, 2, 3, 4]);
            m.Inputs[0].Name = inputName;
            Message($"input name '{inputName}'", m);
        }

        {
            var twice = Linear([1, 4], [1, 2, 3, 4]);
            twice.Inputs.Add(twice.Inputs[0].Clone());
            Message("same input twice", twice);
            var many = Linear([1, 4], [1, 2, 3, 4]);
            for (var i = 0; i < 1000; i++)
            {
                many.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = $"x{i}", Datatype = "FP32", Shape = { 1 } });
            }

            Message("1000 extra inputs", many);
            var noInputs = new ModelInferRequest { ModelName = "example-linear" };
            Message("no inputs", noInputs);
        }

        foreach (var output in new[] { "", "nope", "label", "probabilities", new string('o', 5000) })
        {
            var m = Linear([1, 4], [1, 2, 3, 4]);
            m.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = output });
            Message($"output '{output[..Math.Min(20, output.Length)]}'", m);
        }

        {
            var m = Linear([1, 4], [1, 2, 3, 4]);
            m.Parameters.Add("binary_data_output", new InferParameter { BoolParam = true });
            m.Parameters.Add("", new InferParameter { StringParam = new string('p', 10_000) });
            Message("junk parameters", m);
            var ip = Linear([1, 4], [1, 2, 3, 4]);
            ip.Inputs[0].Parameters.Add("binary_data_size", new InferParameter { Int64Param = -1 });
            Message("input binary_data_size -1", ip);
        }

        // 4. The text model (BYTES input): wrong contents and huge texts.
        foreach (var (name, build) in new (string, Func<ModelInferRequest>)[]
        {
            ("bytes ok", () => Text(["a sentence"])),
            ("bytes invalid utf-8", () => Text([], [ByteString.CopyFrom(0xFF, 0xFE)])),
            ("bytes lone surrogate", () => Text([], [ByteString.CopyFrom(0xED, 0xA0, 0x80)])),
            ("bytes empty", () => Text([""])),
            ("bytes 300 texts", () => Text(Enumerable.Repeat("x", 300).ToArray())),
            ("bytes 1 MB text", () => Text([new string('a', 1 << 20)])),
            ("bytes shape mismatch", () => { var m = Text(["a", "b"]); m.Inputs[0].Shape[0] = 5; return m; }),
            ("bytes as fp32", () => { var m = Text(["a"]); m.Inputs[0].Datatype = "FP32"; return m; }),
            ("bytes raw", () => { var m = Text([]); m.RawInputContents.Add(ByteString.CopyFrom(new byte[] { 3, 0, 0, 0, (byte)'a', (byte)'b', (byte)'c' })); return m; }),
            ("bytes raw bad length prefix", () => { var m = Text([]); m.RawInputContents.Add(ByteString.CopyFrom(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F, (byte)'a' })); return m; }),
            ("bytes raw short prefix", () => { var m = Text([]); m.RawInputContents.Add(ByteString.CopyFrom(new byte[] { 1, 0 })); return m; }),
        })
        {
            Message("text/" + name, build());
        }

        return cases;
    }

    private static ModelInferRequest Linear(long[] shape, float[]? values)
    {
        var input = new ModelInferRequest.Types.InferInputTensor { Name = "input", Datatype = "FP32" };
        input.Shape.AddRange(shape);
        if (values is not null)
        {
            input.Contents = new InferTensorContents();
            input.Contents.Fp32Contents.AddRange(values);
        }

        var m = new ModelInferRequest { ModelName = "example-linear", Id = "corpus" };
        m.Inputs.Add(input);
        return m;
    }

    private static ModelInferRequest Text(string[] texts, ByteString[]? raw = null)
    {
        var items = raw ?? texts.Select(ByteString.CopyFromUtf8).ToArray();
        var input = new ModelInferRequest.Types.InferInputTensor { Name = "text", Datatype = "BYTES", Shape = { items.Length } };
        if (items.Length > 0)
        {
            input.Contents = new InferTensorContents();
            input.Contents.BytesContents.AddRange(items);
        }

        var m = new ModelInferRequest { ModelName = "all-MiniLM-L6-v2" };
        m.Inputs.Add(input);
        return m;
    }

    private static byte[] Frame(byte[] message)
    {
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>Field 1 (length-delimited) nested <paramref name="depth"/> times.</summary>
    private static byte[] Nest(int depth)
    {
        byte[] inner = [];
        for (var i = 0; i < depth; i++)
        {
            var ms = new MemoryStream();
            var cos = new CodedOutputStream(ms);
            cos.WriteTag(4, WireFormat.WireType.LengthDelimited);
            cos.WriteBytes(ByteString.CopyFrom(inner));
            cos.Flush();
            inner = ms.ToArray();
        }

        return inner;
    }

    private static byte[] Garbage(int n, int seed)
    {
        var b = new byte[n];
        new Random(seed).NextBytes(b);
        return b;
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;

namespace LiftWing.Core.Tests.Tensors;

/// <summary>
/// What the BCL makes of one float, the reference the fast formatter, parser and scanner must match byte for byte and
/// bit for bit: <see cref="Utf8JsonWriter.WriteNumberValue(float)"/> and <see cref="Utf8JsonReader.TryGetSingle"/>.
/// </summary>
internal static class BclFloatReference
{
    public static string Reference(float value)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(output))
        {
            w.WriteNumberValue(value);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    public static float Reference(string text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
        reader.Read();
        Assert.True(reader.TryGetSingle(out var value), $"the reader does not read {text} as a float");
        return value;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using LiftWing.Core.Tensors;

using static LiftWing.Core.Tests.Tensors.BclFloatReference;

namespace LiftWing.Core.Tests.Tensors;

/// <summary>
/// The vectorised FP32 paths (four floats per step in the formatter, 16-byte digit runs in the scanner) and their tables,
/// against the BCL's writer and parser over random bit patterns: the output must stay byte- and bit-identical.
/// </summary>
public sealed class Utf8FloatRound4Tests
{
    [Fact]
    public void BatchFormat_RandomBitPatterns_MatchTheWriterElementByElement()
    {
        // 200k bit patterns (NaN and infinity included: null), in runs whose lengths are not all multiples of four, so
        // that the scalar tail and the scalar fallback inside a group of four both run.
        var rng = new Random(41);
        var values = Enumerable.Range(0, 200_000).Select(_ => BitConverter.UInt32BitsToSingle((uint)rng.NextInt64(0, 1L << 32)))
            .Concat(Enumerable.Range(0, 20_000).Select(_ => (float)rng.NextDouble()))
            .Concat(Enumerable.Range(-149, 277).Select(e => MathF.ScaleB(1f, e)))
            .Concat([0f, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, float.NaN, float.PositiveInfinity, float.NegativeInfinity])
            .ToArray();
        var buffer = new byte[(1000 * Utf8FloatBatchFormatter.MaxLengthPerElement) + Utf8FloatFormatter.ScratchLength];
        var wrong = new List<string>();
        for (var start = 0; start < values.Length;)
        {
            var run = values.AsSpan(start, Math.Min(rng.Next(1, 1000), values.Length - start));
            var length = Utf8FloatBatchFormatter.FormatJoined(run, ref buffer[0]);
            var expected = string.Concat(run.ToArray().Select(v => (float.IsFinite(v) ? Reference(v) : "null") + ","));
            var actual = Encoding.UTF8.GetString(buffer, 0, length);
            if (actual != expected)
            {
                wrong.Add(FirstDifference(run.ToArray(), actual, expected));
            }

            start += run.Length;
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void BatchFormat_WritesNothingPastItsStatedRoom()
    {
        // The longest texts, four at a time and in the tail: the room is MaxLengthPerElement each plus ScratchLength.
        var values = Enumerable.Repeat(-1.17549435E-38f, 7).Concat(Enumerable.Repeat(-3.4028235E+38f, 6)).ToArray();
        for (var n = 0; n <= values.Length; n++)
        {
            var room = (n * Utf8FloatBatchFormatter.MaxLengthPerElement) + Utf8FloatFormatter.ScratchLength;
            var buffer = new byte[room + 16];
            Array.Fill(buffer, (byte)0xEE);
            var length = Utf8FloatBatchFormatter.FormatJoined(values.AsSpan(0, n), ref buffer[0]);
            Assert.Equal(string.Concat(values.Take(n).Select(v => Reference(v) + ",")), Encoding.UTF8.GetString(buffer, 0, length));
            Assert.All(buffer[room..], b => Assert.Equal(0xEE, b));
        }
    }

    [Fact]
    public void V2Encode_Fp16AndBf16_MatchTheWriterAfterWidening()
    {
        var rng = new Random(7);
        var halves = Enumerable.Range(0, 3000).Select(_ => BitConverter.UInt16BitsToHalf((ushort)rng.Next(0, 1 << 16))).ToArray();
        var response = new InferTensorResponse
        {
            ModelName = "m",
            Outputs = [new TensorData("h", "FP16", [halves.Length], halves)],
        };
        using var json = JsonDocument.Parse(V2JsonCodec.EncodeResponse(response));
        var data = json.RootElement.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.Equal(halves.Select(h => float.IsFinite((float)h) ? Reference((float)h) : "null"), data);
    }

    [Fact]
    public void SchubfachTables_AreTheirDefinitions()
    {
        Assert.Equal(SchubfachDigits.BuildPowersOf10(SchubfachDigits.MinPowerOf10, SchubfachDigits.MaxPowerOf10), SchubfachDigits.PowersOf10UpTable);
        for (var e = 1; e < 255; e++)
        {
            var q = e - 150;
            var k = SchubfachDigits.FloorLog10Pow2(q);
            Assert.Equal(k, SchubfachDigits.PowerOf10ByExponent[e]);
            Assert.Equal((ulong)(q + SchubfachDigits.FloorLog2Pow10(-k) + 32), SchubfachDigits.ShiftByExponent[e]);
            Assert.Equal(SchubfachDigits.PowersOf10UpTable[-k - SchubfachDigits.MinPowerOf10], SchubfachDigits.ScaleByExponent[e]);
        }
    }

    [Fact]
    public void DecimalLength_IsExactAroundEveryPowerOfTen()
    {
        var values = Enumerable.Range(0, 10).Select(k => (uint)Math.Pow(10, k))
            .SelectMany(p => new[] { p - 1, p, p + 1 })
            .Concat(Enumerable.Range(0, 32).SelectMany(b => new[] { 1u << b, (uint)((1UL << (b + 1)) - 1) }))
            .Append(uint.MaxValue)
            .Where(v => v > 0);
        foreach (var v in values)
        {
            Assert.Equal(v.ToString(CultureInfo.InvariantCulture).Length, Utf8FloatFormatter.DecimalLength(v));
        }
    }

    [Fact]
    public void Scan_RandomFloatsAsFloatAndDoubleText_AreBitIdenticalToTheReader()
    {
        // 200k numbers: shortest float text and 17-digit double text (what Python clients send), signed, with and
        // without spaces; long arrays, so that the 16-byte path reads almost all of them.
        var rng = new Random(19);
        var texts = new List<string>();
        for (var i = 0; i < 200_000; i++)
        {
            var f = BitConverter.UInt32BitsToSingle((uint)rng.NextInt64(0, 1L << 32));
            if (!float.IsFinite(f) || rng.Next(3) == 0)
            {
                f = (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-8, 9)));
            }

            texts.Add(rng.Next(2) == 0 ? f.ToString("R", CultureInfo.InvariantCulture) : ((double)f).ToString("R", CultureInfo.InvariantCulture));
        }

        var wrong = new List<string>();
        var taken = 0;
        for (var start = 0; start < texts.Count; start += 1000)
        {
            var part = texts.GetRange(start, 1000);
            var space = rng.Next(4) == 0 ? " " : "";
            var json = Encoding.UTF8.GetBytes("[" + string.Join("," + space, part) + "]");
            var destination = new float[part.Count - 1];
            var pos = 1 + Encoding.UTF8.GetByteCount(part[0]);
            var next = 0;
            while (next < destination.Length)
            {
                var n = Utf8FloatArrayScanner.Scan(json, ref pos, destination.AsSpan(next));
                for (var i = next; i < next + n; i++)
                {
                    if (BitConverter.SingleToUInt32Bits(destination[i]) != BitConverter.SingleToUInt32Bits(Reference(part[i + 1])))
                    {
                        wrong.Add(part[i + 1]);
                    }
                }

                // Past the number it left (a subnormal, say: the reader's), it goes on.
                taken += n;
                next += n + 1;
                var following = Array.IndexOf(json, (byte)',', Array.IndexOf(json, (byte)',', pos) + 1);
                pos = following >= 0 ? following : json.Length - 1;
                while (json[pos - 1] == (byte)' ')
                {
                    pos--;
                }
            }
        }

        Assert.Empty(wrong);
        Assert.True(taken > texts.Count * 9 / 10, $"the scanner took {taken} of {texts.Count}");
    }

    [Theory]
    [InlineData(",01")]
    [InlineData(",-01.5")]
    [InlineData(",-")]
    [InlineData(",-a")]
    [InlineData(",3.")]
    [InlineData(",3.e5")]
    [InlineData(",3e")]
    [InlineData(",3x")]
    [InlineData(",3.5x")]
    [InlineData(",.5")]
    [InlineData(",+1")]
    [InlineData(",1e39")]
    [InlineData(",12345678901234567890")]
    [InlineData(",1234567890.1234567890")]
    [InlineData(",0.12345678901234567890123")]
    [InlineData(",1234567890123x")]
    [InlineData(",1.5.5")]
    [InlineData(",12345.123456789012345")]
    [InlineData(",0.123456789012345678901234567890123")]
    [InlineData(",\"3\"")]
    public void Scan_StopsBeforeWhatItCannotCheckOrDecide_WithLongTextAfter(string rest)
    {
        // The same stops as Scan_StopsBeforeWhatItCannotCheckOrDecide, with enough text after for the vector paths,
        // the number followed by spaces or straight by a comma.
        foreach (var after in new[] { new string(' ', 80) + ",2]", ",2" + string.Concat(Enumerable.Repeat(",2", 40)) + "]" })
        {
            var json = Encoding.UTF8.GetBytes("[1" + rest + after);
            var pos = 2;
            Assert.Equal(0, Utf8FloatArrayScanner.Scan(json, ref pos, new float[4]));
            Assert.Equal(2, pos);
        }
    }

    [Theory]
    [InlineData("0.000123", 0.000123f)]
    [InlineData("-0.5", -0.5f)]
    [InlineData("-0", -0f)]
    [InlineData("123456789012345.5", 123456789012345.5f)]
    [InlineData("1.234567890123456789", 1.234567890123456789f)]
    [InlineData("0.1234567890123456", 0.1234567890123456f)]
    [InlineData("0.72815328836441040", 0.72815328836441040f)]
    [InlineData("-1234.123456789012345", -1234.123456789012345f)]
    [InlineData("0.30000001192092896", 0.30000001192092896f)]
    [InlineData("100000000000000", 100000000000000f)]
    [InlineData("7", 7f)]
    [InlineData("1.5e3", 1500f)]
    [InlineData("1234567890123456", 1234567890123456f)]
    [InlineData("0.000000000000000001", 0.000000000000000001f)]
    public void Scan_PlainNumbersWithLongTextAfter_AreTheReaders(string text, float value)
    {
        // Followed by spaces (the scalar path) and straight by a comma (the 32-byte path), with and without a minus.
        foreach (var signed in new[] { text, text.StartsWith('-') ? text[1..] : "-" + text })
        {
            var expected = signed == text ? value : -value;
            foreach (var after in new[] { new string(' ', 80) + ",2]", string.Concat(Enumerable.Repeat(",2", 40)) + "]" })
            {
                var json = Encoding.UTF8.GetBytes("[1," + signed + after);
                var pos = 2;
                var destination = new float[2];
                Assert.Equal(2, Utf8FloatArrayScanner.Scan(json, ref pos, destination));
                Assert.Equal(BitConverter.SingleToUInt32Bits(expected), BitConverter.SingleToUInt32Bits(destination[0]));
                Assert.Equal(BitConverter.SingleToUInt32Bits(Reference(signed)), BitConverter.SingleToUInt32Bits(destination[0]));
                Assert.Equal(2f, destination[1]);
            }
        }
    }

    private static string FirstDifference(float[] run, string actual, string expected)
    {
        var a = actual.Split(',');
        var e = expected.Split(',');
        for (var i = 0; i < Math.Min(a.Length, e.Length); i++)
        {
            if (a[i] != e[i])
            {
                return $"{BitConverter.SingleToUInt32Bits(run[i]):X8}: {a[i]} vs {e[i]}";
            }
        }

        return "lengths differ";
    }
}

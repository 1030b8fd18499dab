using System.Globalization;
using System.Text;
using LiftWing.Core.Tensors;

using static LiftWing.Core.Tests.Tensors.BclFloatReference;

namespace LiftWing.Core.Tests.Tensors;

/// <summary>The fast float formatter and parser against the BCL's, which they replace on the V2 JSON hot path.</summary>
public sealed class Utf8FloatTests
{
    [Theory]
    [InlineData(0f, "0")]
    [InlineData(-0f, "-0")]
    [InlineData(0.1f, "0.1")]
    [InlineData(1e-4f, "0.0001")]
    [InlineData(1e-5f, "1E-05")]
    [InlineData(123456789f, "123456790")]
    [InlineData(1e9f, "1E+09")]
    [InlineData(float.MaxValue, "3.4028235E+38")]
    [InlineData(float.Epsilon, "1E-45")]
    [InlineData(-1.17549435E-38f, "-1.1754944E-38")]
    public void Format_KnownValues(float value, string text) => Assert.Equal(text, Format(value));

    [Fact]
    public void Format_MatchesUtf8JsonWriter_ForRandomBitPatternsSubnormalsAndBinadeEdges()
    {
        var rng = new Random(17);
        var bits = Enumerable.Range(0, 300_000).Select(_ => (uint)rng.NextInt64(0, 1L << 32))
            .Concat(Enumerable.Range(0, 100_000).Select(_ => BitConverter.SingleToUInt32Bits((float)rng.NextDouble())))
            .Concat(Enumerable.Range(0, 20_000).Select(i => (uint)i))
            .Concat(Enumerable.Range(1, 254).SelectMany(e => new[] { (uint)e << 23, ((uint)e << 23) | 1, ((uint)e << 23) | 0x7FFFFF }));
        var mismatches = bits.Select(BitConverter.UInt32BitsToSingle).Where(float.IsFinite)
            .Where(f => Format(f) != Reference(f)).Take(5).Select(f => $"{f:R}: {Format(f)} vs {Reference(f)}").ToList();
        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-0")]
    [InlineData("0.30000001192092896")]
    [InlineData("1.5e-7")]
    [InlineData("123456789012345678")]
    [InlineData("1E+22")]
    [InlineData("1e23")]
    [InlineData("-2.707827384540451E-28")]
    [InlineData("9999999999999999999e-3")]
    public void Parse_AgreesWithTheReader(string text)
    {
        Assert.True(Utf8FloatParser.TryParse(Encoding.UTF8.GetBytes(text), out var fast));
        Assert.Equal(BitConverter.SingleToUInt32Bits(Reference(text)), BitConverter.SingleToUInt32Bits(fast));
    }

    [Theory]
    [InlineData("12345678901234567890")] // 20 significant digits
    [InlineData("1e-45")] // subnormal
    [InlineData("1e39")] // overflows: the reader's parser decides
    [InlineData("99999999999999999999e21")] // overflows too
    [InlineData("1.000000059604644775390625")] // exactly halfway between 1 and the next float: ties to even
    public void Parse_LeavesWhatItCannotDecide(string text) =>
        Assert.False(Utf8FloatParser.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void Parse_Float32DataWrittenAsDoubles_TakesTheFastPathExactly()
    {
        // What a Python client sends for float32 data: each value widened to double and written in 17 digits or fewer.
        var rng = new Random(11);
        for (var i = 0; i < 50_000; i++)
        {
            var f = (float)((rng.NextDouble() + 0.1) * (rng.Next(2) == 0 ? -1 : 1) * Math.Pow(10, rng.Next(-20, 21)));
            var text = ((double)f).ToString("R", CultureInfo.InvariantCulture);
            Assert.True(Utf8FloatParser.TryParse(Encoding.UTF8.GetBytes(text), out var fast), text);
            Assert.Equal(BitConverter.SingleToUInt32Bits(f), BitConverter.SingleToUInt32Bits(fast));
        }
    }

    [Fact]
    public void Parse_NearMidpoints_NeverDisagreesWithTheReader()
    {
        // Decimal texts at, just above and just below the midpoints between neighbouring floats: where rounding to
        // double and then to float could go wrong.
        var rng = new Random(5);
        var wrong = new List<string>();
        for (var i = 0; i < 20_000; i++)
        {
            var f = (float)(rng.NextDouble() * Math.Pow(10, rng.Next(-8, 9)));
            var mid = ((double)f + MathF.BitIncrement(f)) / 2;
            foreach (var d in new[] { mid, Math.BitIncrement(mid), Math.BitDecrement(mid) })
            {
                foreach (var text in new[] { d.ToString("R", CultureInfo.InvariantCulture), d.ToString("E16", CultureInfo.InvariantCulture), d.ToString("E18", CultureInfo.InvariantCulture) })
                {
                    if (Utf8FloatParser.TryParse(Encoding.UTF8.GetBytes(text), out var fast) && fast != Reference(text))
                    {
                        wrong.Add(text);
                    }
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void Parse_RandomDecimalTexts_AgreeWithTheReaderWheneverDecided()
    {
        var rng = new Random(9);
        var decided = 0;
        var wrong = new List<string>();
        for (var i = 0; i < 100_000; i++)
        {
            var sb = new StringBuilder(rng.Next(2) == 0 ? "-" : "");
            sb.Append(rng.Next(3) == 0 ? "0" : rng.NextInt64(1, 10_000_000_000).ToString(CultureInfo.InvariantCulture));
            if (rng.Next(2) == 0)
            {
                sb.Append('.').Append(rng.NextInt64(0, long.MaxValue).ToString("D19", CultureInfo.InvariantCulture)[..rng.Next(1, 19)]);
            }

            if (rng.Next(2) == 0)
            {
                sb.Append(rng.Next(2) == 0 ? 'e' : 'E').Append(rng.Next(3) switch { 0 => "", 1 => "+", _ => "-" }).Append(rng.Next(0, 50));
            }

            var text = sb.ToString();
            if (Utf8FloatParser.TryParse(Encoding.UTF8.GetBytes(text), out var fast))
            {
                decided++;
                if (BitConverter.SingleToUInt32Bits(fast) != BitConverter.SingleToUInt32Bits(Reference(text)))
                {
                    wrong.Add(text);
                }
            }
        }

        Assert.Empty(wrong);
        Assert.True(decided > 50_000, $"the fast path decided only {decided} of 100000");
    }

    private static string Format(float value)
    {
        var buffer = new byte[Utf8FloatFormatter.MaxLength];
        return Encoding.UTF8.GetString(buffer, 0, Utf8FloatFormatter.Format(value, buffer));
    }
}

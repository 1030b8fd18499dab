using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Tensors;

using static LiftWing.Core.Tests.Tensors.BclFloatReference;

namespace LiftWing.Core.Tests.Tensors;

/// <summary>
/// The single-pass FP32 array scanner and the word-wide formatter layout against the BCL (the reader's
/// <see cref="Utf8JsonReader.GetSingle"/> and the writer's <see cref="Utf8JsonWriter.WriteNumberValue(float)"/>),
/// which they must match bit for bit and byte for byte.
/// </summary>
public sealed class Utf8FloatArrayScannerTests
{
    [Fact]
    public void Scan_RandomNumberTexts_AreBitIdenticalToTheReader()
    {
        var rng = new Random(23);
        var taken = 0;
        var total = 0;
        for (var array = 0; array < 400; array++)
        {
            var texts = Enumerable.Range(0, 60).Select(_ => RandomNumberText(rng)).ToList();
            var json = Encoding.UTF8.GetBytes("[" + string.Join("", texts.Select((t, i) => (i == 0 ? "" : RandomSpace(rng) + "," + RandomSpace(rng)) + t)) + RandomSpace(rng) + "]");
            var destination = new float[texts.Count - 1];
            var pos = 1 + Encoding.UTF8.GetByteCount(texts[0]);
            var next = 0;
            while (next < destination.Length)
            {
                var n = Utf8FloatArrayScanner.Scan(json, ref pos, destination.AsSpan(next));
                for (var i = next; i < next + n; i++)
                {
                    Assert.True(Bits(Reference(texts[i + 1])) == Bits(destination[i]), $"{texts[i + 1]}: {destination[i]:R} vs {Reference(texts[i + 1]):R}");
                }

                // It stops right after a number; past the one it left (as the reader would take it), it goes on.
                Assert.True(json[pos - 1] is >= (byte)'0' and <= (byte)'9', Encoding.UTF8.GetString(json.AsSpan(pos)));
                taken += n;
                next += n + 1;
                var comma = Array.IndexOf(json, (byte)',', pos);
                var following = Array.IndexOf(json, (byte)',', comma + 1);
                pos = TrimEnd(json, following >= 0 ? following : json.Length - 1);
            }

            total += destination.Length;

            // The whole decoder, scanner and reader together, gives the reader's value for every element.
            var decoded = (float[])V2JsonCodec.DecodeRequest(Encoding.UTF8.GetBytes(
                $$$"""{"inputs":[{"name":"x","datatype":"FP32","shape":[{{{texts.Count}}}],"data":{{{Encoding.UTF8.GetString(json)}}}}]}""")).Inputs[0].Data;
            Assert.Equal(texts.Select(t => Bits(Reference(t))), decoded.Select(Bits));
        }

        // Most of the texts (all but >19 digits, subnormals, exponents past ±44 and midpoints) are the scanner's.
        Assert.True(taken > total * 8 / 10, $"the scanner took {taken} of {total}");
    }

    [Theory]
    [InlineData("-0", 0x8000_0000u)]
    [InlineData("0.000", 0u)]
    [InlineData("-0.0e5", 0x8000_0000u)]
    [InlineData("3.4028235e38", 0x7F7F_FFFFu)]
    [InlineData("340282356779733661637539395458142568447", 0x7F7F_FFFFu)]
    [InlineData("1.1754944E-38", 0x0080_0000u)]
    [InlineData("0.00000000000000000000000000000000000001175494350822287508", 0x0080_0000u)]
    [InlineData("12345678.9", 0x4B3C_614Fu)]
    [InlineData("1E+0", 0x3F80_0000u)]
    [InlineData("0.1", 0x3DCC_CCCDu)]
    public void Scan_EdgeValues_AreTheReaders(string text, uint bits)
    {
        Assert.Equal(bits, Bits(Reference(text)));
        var json = Encoding.UTF8.GetBytes("[1," + text + "]");
        var pos = 2;
        var destination = new float[1];
        if (Utf8FloatArrayScanner.Scan(json, ref pos, destination) == 1)
        {
            Assert.Equal(bits, Bits(destination[0]));
            Assert.Equal(json.Length - 1, pos);
        }

        var decoded = (float[])V2JsonCodec.DecodeRequest(Encoding.UTF8.GetBytes(
            $$$"""{"inputs":[{"name":"x","datatype":"FP32","shape":[2],"data":{{{Encoding.UTF8.GetString(json)}}}}]}""")).Inputs[0].Data;
        Assert.Equal(bits, Bits(decoded[1]));
    }

    [Theory]
    [InlineData(",01")]
    [InlineData(",-")]
    [InlineData(",-a")]
    [InlineData(",3.")]
    [InlineData(",3.e5")]
    [InlineData(",3e")]
    [InlineData(",3e+")]
    [InlineData(",3x")]
    [InlineData(",.5")]
    [InlineData(",+1")]
    [InlineData(",1e39")]
    [InlineData(",1e-46")]
    [InlineData(",12345678901234567890")]
    [InlineData(",\"3\"")]
    [InlineData(",true")]
    [InlineData(",}")]
    [InlineData(",/*c*/3")]
    [InlineData(" ;3")]
    [InlineData(",")]
    [InlineData("")]
    [InlineData(",1234567890123x")]
    public void Scan_StopsBeforeWhatItCannotCheckOrDecide(string rest)
    {
        var json = Encoding.UTF8.GetBytes("[1" + rest);
        var pos = 2;
        Assert.Equal(0, Utf8FloatArrayScanner.Scan(json, ref pos, new float[4]));
        Assert.Equal(2, pos);
    }

    [Theory]
    [InlineData("[1,2,3]", 2, 6)]
    [InlineData("[1 , 2\n,\t3 ]", 2, 10)]
    [InlineData("[1,2,3,4,5]", 2, 6)]
    [InlineData("[1,2.5e1,3x]", 1, 8)]
    [InlineData("[1,22222222222222,3", 2, 19)]
    public void Scan_TakesWhatFitsAndStopsAfterTheLastNumber(string text, int expectedTaken, int expectedPos)
    {
        var json = Encoding.UTF8.GetBytes(text);
        var pos = 2;
        var destination = new float[2];
        Assert.Equal(expectedTaken, Utf8FloatArrayScanner.Scan(json, ref pos, destination));
        Assert.Equal(expectedPos, pos);
    }

    [Theory]
    [InlineData("[1,2,3.]")]
    [InlineData("[1,2,1e]")]
    [InlineData("[1,2,-]")]
    [InlineData("[1,2,01]")]
    [InlineData("[1,2,3,]")]
    [InlineData("[1,2,3x]")]
    [InlineData("[1,2,3")]
    public void Decode_BadTextAfterTheFirstNumber_GivesTheReadersOwnMessage(string data)
    {
        var json = $$$"""{"inputs":[{"name":"x","datatype":"FP32","shape":[3],"data":{{{data}}}}]}""";
        var ex = Assert.Throws<InvalidInputException>(() => V2JsonCodec.DecodeRequest(Encoding.UTF8.GetBytes(json)));
        Assert.Equal("Unrecognized request format: " + ReaderMessage(json) + ".", ex.Message);
    }

    [Fact]
    public void EightDigits_AndAscii8_AreExact()
    {
        var rng = new Random(3);
        var values = Enumerable.Range(0, 100_000).Select(i => (uint)i)
            .Concat(Enumerable.Range(0, 200_000).Select(_ => (uint)rng.Next(0, 100_000_000)))
            .Append(99_999_999u);
        foreach (var v in values)
        {
            var text = v.ToString("D8", CultureInfo.InvariantCulture);
            Assert.Equal(text, Encoding.ASCII.GetString(BitConverter.GetBytes(Utf8FloatFormatter.Ascii8(v))));
            Assert.Equal(v, Utf8FloatArrayScanner.EightDigits(BitConverter.ToUInt64(Encoding.ASCII.GetBytes(text)) ^ 0x3030_3030_3030_3030));
        }
    }

    [Fact]
    public void Format_EveryLayout_MatchesTheWriter_AndWritesNothingPastAShortDestination()
    {
        // One to nine digits at every decimal scale a float has: 0.000ddd, 0.ddd, d.ddd, ddd000, d.dddE±XX.
        var rng = new Random(8);
        var buffer = new byte[40];
        for (var digits = 1; digits <= 9; digits++)
        {
            for (var exponent = -47; exponent <= 38; exponent++)
            {
                for (var k = 0; k < 20; k++)
                {
                    var mantissa = rng.NextInt64((long)Math.Pow(10, digits - 1), (long)Math.Pow(10, digits));
                    var value = float.Parse($"{(k % 2 == 0 ? "" : "-")}{mantissa}e{exponent - digits + 1}", CultureInfo.InvariantCulture);
                    if (!float.IsFinite(value))
                    {
                        continue;
                    }

                    Array.Fill(buffer, (byte)0xEE);
                    var n = Utf8FloatFormatter.Format(value, buffer.AsSpan(0, Utf8FloatFormatter.MaxLength));
                    Assert.Equal(Reference(value), Encoding.UTF8.GetString(buffer, 0, n));
                    Assert.All(buffer[Utf8FloatFormatter.MaxLength..], b => Assert.Equal(0xEE, b));
                    Array.Fill(buffer, (byte)0xEE);
                    Assert.Equal(n, Utf8FloatFormatter.FormatUnchecked(value, ref buffer[0]));
                    Assert.Equal(Reference(value), Encoding.UTF8.GetString(buffer, 0, n));
                    Assert.All(buffer[Utf8FloatFormatter.ScratchLength..], b => Assert.Equal(0xEE, b));
                }
            }
        }
    }

    [Fact]
    public void Schubfach_FixedPointLogarithms_AreExactOverAFloatsRange()
    {
        for (var e = -300; e <= 300; e++)
        {
            var pow2 = e >= 0 ? (BigInteger.One << e, BigInteger.One) : (BigInteger.One, BigInteger.One << -e);

            // ⌊log10 x⌋ for x = a/b: the largest k with 10^k ≤ x.
            Assert.Equal(FloorLog(10, pow2.Item1, pow2.Item2), SchubfachDigits.FloorLog10Pow2(e));
            Assert.Equal(FloorLog(10, 3 * pow2.Item1, 4 * pow2.Item2), SchubfachDigits.FloorLog10ThreeQuartersPow2(e));
            var pow10 = e >= 0 ? (BigInteger.Pow(10, e), BigInteger.One) : (BigInteger.One, BigInteger.Pow(10, -e));
            Assert.Equal(FloorLog(2, pow10.Item1, pow10.Item2), SchubfachDigits.FloorLog2Pow10(e));
        }
    }

    [Fact]
    public void Format_ExactValuesWhereSchubfachDefersToRyu_MatchTheWriter()
    {
        // Powers of two (the asymmetric interval), integers and binary fractions (exact products), powers of ten,
        // subnormals: the cases the fast digit search leaves to Ryu, and their neighbours.
        var values = Enumerable.Range(-149, 277).Select(e => MathF.ScaleB(1f, e))
            .Concat(Enumerable.Range(0, 70_000).Select(i => (float)i))
            .Concat(Enumerable.Range(0, 20_000).Select(i => (float)((1 << 24) - i)))
            .Concat(Enumerable.Range(0, 4096).Select(i => i / 4096f))
            .Concat(Enumerable.Range(-45, 84).Select(e => float.Parse("1e" + e, CultureInfo.InvariantCulture)))
            .Concat(Enumerable.Range(0, 5000).Select(i => BitConverter.UInt32BitsToSingle((uint)i * 1601)))
            .Where(float.IsFinite)
            .SelectMany(v => new[] { v, MathF.BitIncrement(v), MathF.BitDecrement(v), -v });
        var buffer = new byte[Utf8FloatFormatter.ScratchLength];
        var wrong = values.Where(float.IsFinite)
            .Where(v => Encoding.UTF8.GetString(buffer, 0, Utf8FloatFormatter.FormatUnchecked(v, ref buffer[0])) != Reference(v))
            .Take(5).Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToList();
        Assert.Empty(wrong);
    }

    private static int FloorLog(int radix, BigInteger numerator, BigInteger denominator)
    {
        // Start from the double estimate and correct it exactly.
        var k = (int)Math.Floor(BigInteger.Log(numerator, radix) - BigInteger.Log(denominator, radix));
        while (PowerAtMost(radix, k + 1, numerator, denominator))
        {
            k++;
        }

        while (!PowerAtMost(radix, k, numerator, denominator))
        {
            k--;
        }

        return k;
    }

    // radix^k ≤ numerator / denominator, in integers.
    private static bool PowerAtMost(int radix, int k, BigInteger numerator, BigInteger denominator) =>
        k >= 0 ? BigInteger.Pow(radix, k) * denominator <= numerator : denominator <= numerator * BigInteger.Pow(radix, -k);

    private static string RandomNumberText(Random rng)
    {
        var f = BitConverter.Int32BitsToSingle(rng.Next());
        if (!float.IsFinite(f))
        {
            f = 1.5f;
        }

        var scaled = (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-12, 13)));
        return rng.Next(12) switch
        {
            0 => f.ToString("R", CultureInfo.InvariantCulture),
            1 => ((double)scaled).ToString("R", CultureInfo.InvariantCulture),
            2 => scaled.ToString("E" + rng.Next(0, 22), CultureInfo.InvariantCulture).ToLowerInvariant(),
            3 => scaled.ToString("F" + rng.Next(0, 25), CultureInfo.InvariantCulture),
            4 => rng.NextInt64(-10_000_000_000_000, 10_000_000_000_000).ToString(CultureInfo.InvariantCulture),
            5 => (rng.Next(2) == 0 ? "-" : "") + "0" + (rng.Next(2) == 0 ? "" : "." + new string('0', rng.Next(1, 30)) + rng.Next(1, 1000)),
            6 => rng.Next(1, 10) + "e-" + rng.Next(36, 47),
            7 => MidpointText(rng),
            _ => scaled.ToString("R", CultureInfo.InvariantCulture),
        };
    }

    // A decimal at or next to the midpoint between two neighbouring floats, written with 17 to 25 digits.
    private static string MidpointText(Random rng)
    {
        var f = (float)(rng.NextDouble() * Math.Pow(10, rng.Next(-6, 7)));
        var mid = ((double)f + MathF.BitIncrement(f)) / 2;
        return mid.ToString("E" + rng.Next(16, 25), CultureInfo.InvariantCulture);
    }

    private static string RandomSpace(Random rng) => rng.Next(8) switch
    {
        0 => " ",
        1 => "\n\t ",
        2 => "\r\n",
        _ => "",
    };

    // The end of the number before index i (past any whitespace before it).
    private static int TrimEnd(byte[] json, int i)
    {
        while (json[i - 1] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            i--;
        }

        return i;
    }

    private static uint Bits(float value) => BitConverter.SingleToUInt32Bits(value);

    // What the reader alone says about the text (no scanner), as the codec reports it: without position details.
    private static string ReaderMessage(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            return ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.');
        }

        throw new InvalidOperationException("the reader accepted " + json);
    }
}

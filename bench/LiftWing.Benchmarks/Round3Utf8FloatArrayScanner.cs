using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiftWing.Benchmarks;

/// <summary>
/// The round-3 implementation (before the vectorised paths of round 4), kept only as the benchmarks' baseline.
/// Reads the rest of a JSON array of numbers straight from the UTF-8 text, past what <see cref="System.Text.Json.Utf8JsonReader"/>
/// has read: the reader's per-token work cost more than parsing the number itself. Each number is checked (strict JSON
/// number grammar, a delimiter after it) and parsed in one pass, eight digits at a time. It takes only what it can fully
/// check and decide exactly (<see cref="Round3Utf8FloatParser.TryCompose"/>) and stops before anything else, always right
/// after a number, so the reader can resume there and judge the rest (errors included).
/// </summary>
internal static class Round3Utf8FloatArrayScanner
{
    private const ulong Zeros = 0x3030_3030_3030_3030;

    private static ReadOnlySpan<ulong> PowersOf10 => [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];

    /// <summary>
    /// From <paramref name="pos"/> (just after a number inside an array) reads repeats of <c>, number</c> into
    /// <paramref name="destination"/> until it is full or the text holds anything else; moves <paramref name="pos"/>
    /// past the last number taken and returns how many were taken.
    /// </summary>
    public static int Scan(ReadOnlySpan<byte> json, ref int pos, Span<float> destination)
    {
        ref var s = ref MemoryMarshal.GetReference(json);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var length = json.Length;
        var end = pos;
        var taken = 0;
        while (taken < destination.Length)
        {
            var i = end;
            if ((uint)i < (uint)length && Unsafe.Add(ref s, i) != (byte)',')
            {
                i = SkipWhitespace(ref s, length, i);
            }

            if ((uint)i >= (uint)length || Unsafe.Add(ref s, i) != (byte)',')
            {
                break;
            }

            i++;
            if ((uint)i < (uint)length && IsWhitespace(Unsafe.Add(ref s, i)))
            {
                i = SkipWhitespace(ref s, length, i);
            }

            if (!TryReadNumber(ref s, length, ref i, out Unsafe.Add(ref d, taken)))
            {
                break;
            }

            taken++;
            end = i;
        }

        pos = end;
        return taken;
    }

    /// <summary>One JSON number at <paramref name="i"/>, followed by a delimiter; on success moves <paramref name="i"/> past it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadNumber(ref byte s, int length, ref int i, out float value)
    {
        value = 0;
        var p = i;
        var negative = false;
        if ((uint)p < (uint)length && Unsafe.Add(ref s, p) == (byte)'-')
        {
            negative = true;
            p++;
        }

        if ((uint)p >= (uint)length)
        {
            return false;
        }

        ulong mantissa = 0;
        int significant;
        var first = (uint)(Unsafe.Add(ref s, p) - '0');
        if (first == 0)
        {
            p++;
            significant = 0;
        }
        else if (first <= 9)
        {
            significant = Digits(ref s, length, ref p, ref mantissa);
        }
        else
        {
            return false;
        }

        var exponent = 0;
        if ((uint)p < (uint)length && Unsafe.Add(ref s, p) == (byte)'.')
        {
            p++;
            var fractionStart = p;
            if (mantissa == 0)
            {
                // Zeros right after "0." are not significant digits.
                while ((uint)p < (uint)length && Unsafe.Add(ref s, p) == (byte)'0')
                {
                    p++;
                }
            }

            significant += Digits(ref s, length, ref p, ref mantissa);
            if (p == fractionStart)
            {
                return false;
            }

            exponent = fractionStart - p;
        }

        if ((uint)p < (uint)length && (Unsafe.Add(ref s, p) | 0x20) == (byte)'e')
        {
            p++;
            var negativeExponent = false;
            if ((uint)p < (uint)length && Unsafe.Add(ref s, p) is (byte)'-' or (byte)'+')
            {
                negativeExponent = Unsafe.Add(ref s, p) == (byte)'-';
                p++;
            }

            var exponentStart = p;
            var e = 0;
            uint digit;
            while ((uint)p < (uint)length && (digit = (uint)(Unsafe.Add(ref s, p) - '0')) <= 9)
            {
                // Past 4 digits the value is out of range anyway: stop counting (the BCL decides), keep validating.
                e = e < 10000 ? (e * 10) + (int)digit : e;
                p++;
            }

            if (p == exponentStart)
            {
                return false;
            }

            exponent += negativeExponent ? -e : e;
        }

        if ((uint)p < (uint)length && !IsDelimiter(Unsafe.Add(ref s, p)))
        {
            return false;
        }

        if (significant > 19 || !Round3Utf8FloatParser.TryCompose(mantissa, exponent, negative, out value))
        {
            return false;
        }

        i = p;
        return true;
    }

    /// <summary>Reads a run of digits into <paramref name="mantissa"/> (wrapping past 19 digits), eight at a time where the text allows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digits(ref byte s, int length, ref int p, ref ulong mantissa)
    {
        var start = p;
        while (p <= length - 8)
        {
            var x = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, p)) ^ Zeros;

            // A byte's high bit is set when it is not a digit (x ≥ 10 there).
            var nonDigits = (((x & 0x7F7F_7F7F_7F7F_7F7F) + 0x7676_7676_7676_7676) | x) & 0x8080_8080_8080_8080;
            if (nonDigits == 0)
            {
                mantissa = (mantissa * 100_000_000) + EightDigits(x);
                p += 8;
                continue;
            }

            var n = BitOperations.TrailingZeroCount(nonDigits) >> 3;
            if (n != 0)
            {
                mantissa = (mantissa * PowersOf10[n]) + EightDigits(x << (64 - (8 * n)));
                p += n;
            }

            return p - start;
        }

        uint digit;
        while ((uint)p < (uint)length && (digit = (uint)(Unsafe.Add(ref s, p) - '0')) <= 9)
        {
            mantissa = (mantissa * 10) + digit;
            p++;
        }

        return p - start;
    }

    /// <summary>
    /// The value of eight digits (0–9 in each byte, first digit in the low byte): adjacent digits combined into pairs,
    /// then pairs into the whole with two multiplications that each place two lanes at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong EightDigits(ulong x)
    {
        x = (x * 10) + (x >> 8);
        return (((x & 0x0000_00FF_0000_00FF) * (100 + (1_000_000UL << 32)))
            + (((x >> 16) & 0x0000_00FF_0000_00FF) * (1 + (10_000UL << 32)))) >> 32;
    }

    private static int SkipWhitespace(ref byte s, int length, int i)
    {
        while ((uint)i < (uint)length && IsWhitespace(Unsafe.Add(ref s, i)))
        {
            i++;
        }

        return i;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';

    private static bool IsDelimiter(byte b) => b is (byte)',' or (byte)']' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';
}

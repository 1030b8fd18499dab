using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiftWing.Core.Tensors;

/// <summary>
/// Reads the rest of a JSON array of numbers straight from the UTF-8 text, past what <see cref="System.Text.Json.Utf8JsonReader"/>
/// has read: the reader's per-token work cost more than parsing the number itself. Each number is checked (strict JSON
/// number grammar, a delimiter after it) and parsed in one pass, eight digits at a time. It takes only what it can fully
/// check and decide exactly (<see cref="Utf8FloatParser.TryCompose"/>) and stops before anything else, always right
/// after a number, so the reader can resume there and judge the rest (errors included).
/// </summary>
internal static class Utf8FloatArrayScanner
{
    private const ulong Zeros = 0x3030_3030_3030_3030;

    private static ReadOnlySpan<ulong> PowersOf10 => [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];

    // 10^0 … 10^16 (a digit run is 0–16 long).
    private static ReadOnlySpan<ulong> PowersOf10Wide =>
    [
        1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000,
        1000000000000, 10000000000000, 100000000000000, 1000000000000000, 10000000000000000,
    ];

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
            if (Avx2.IsSupported)
            {
                taken = ScanPlain(ref s, length, ref end, ref d, taken, destination.Length);
                if (taken == destination.Length)
                {
                    break;
                }
            }

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

    /// <summary>
    /// The common case, <c>,-?digits(.digits)?</c> followed by a comma or bracket, with at most 19 digits and no
    /// whitespace, as long as it lasts (and 64 bytes of text remain): one 32-byte load per number gives masks of its
    /// digits, point and delimiters, and the number's extent comes from them with bit arithmetic. The position of the
    /// next number is the one chain from number to number (the digits' values and the division hang off it), so it is
    /// kept short: one load, one compare, one mask, two bit scans. Stops, leaving <paramref name="end"/> after the last
    /// number taken, at anything else; the caller reads that. Compiled fully optimised from the start, without a
    /// profile: profile-guided tiering that first saw only short arrays (where this loop never runs) laid it out as cold
    /// code, and the whole-tensor decode then ran 1.2–1.7× slower than round 3's scanner.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ScanPlain(ref byte s, int length, ref int end, ref float d, int taken, int count)
    {
        var zero = Vector256.Create((byte)'0');
        var nine = Vector256.Create((byte)9);
        var p = end;
        while (taken < count && p <= length - 64)
        {
            var v = Vector256.LoadUnsafe(ref Unsafe.Add(ref s, p));
            var digitsLess0 = v - zero;
            var nonDigits = ~Vector256.Equals(Vector256.Min(digitsLess0, nine), digitsLess0).ExtractMostSignificantBits();
            var points = Vector256.Equals(v, Vector256.Create((byte)'.')).ExtractMostSignificantBits();
            var commas = Vector256.Equals(v, Vector256.Create((byte)','));
            var delimiters = (commas | Vector256.Equals(v, Vector256.Create((byte)']'))).ExtractMostSignificantBits();

            // v[0] is the comma before the number; the number starts at 1, or at 2 after a minus.
            var negative = Unsafe.Add(ref s, p + 1) == (byte)'-';
            var start = negative ? 2 : 1;
            var integerDigits = BitOperations.TrailingZeroCount(nonDigits >> start);
            var point = start + integerDigits;
            var hasPoint = (int)(points >> point) & 1;
            var fractionDigits = BitOperations.TrailingZeroCount(nonDigits >> (point + 1)) & -hasPoint;
            var numberEnd = point + (hasPoint * (fractionDigits + 1));
            var firstDigit = (uint)(Unsafe.Add(ref s, p + start) - '0');

            // Not this shape: no comma first, no digit, a leading zero, a point without digits, more than 16 integer or 19
            // digits (which also keeps every shift below 32), no delimiter after it.
            if ((commas.ToScalar() == 0) | ((uint)(integerDigits - 1) >= 16) | ((firstDigit == 0) & (integerDigits > 1))
                | ((hasPoint == 1) & (fractionDigits == 0)) | (integerDigits + fractionDigits > 19)
                || ((delimiters >> numberEnd) & 1) == 0)
            {
                break;
            }

            // The digits' values, read again as 16-byte runs (up to 16 integer digits, then 0–16 and 0–3 fraction digits).
            var integer = Vector128.LoadUnsafe(ref Unsafe.Add(ref s, p + start)) - Vector128.Create((byte)'0');
            var mantissa = integerDigits == 1 ? firstDigit : RunValue(integer, integerDigits);
            var firstRun = Math.Min(fractionDigits, 16);
            var secondRun = fractionDigits - firstRun;
            var fraction = Vector128.LoadUnsafe(ref Unsafe.Add(ref s, p + point + 1)) - Vector128.Create((byte)'0');
            var more = Vector128.LoadUnsafe(ref Unsafe.Add(ref s, p + point + 17)) - Vector128.Create((byte)'0');
            ref var powers = ref MemoryMarshal.GetReference(PowersOf10Wide);
            mantissa = (((mantissa * Unsafe.Add(ref powers, firstRun)) + RunValue(fraction, firstRun)) * Unsafe.Add(ref powers, secondRun))
                + RunValue(more, secondRun);

            // Up to 15 digits the mantissa is below 2^53 and the exponent within ±15: one correctly rounded division.
            if (!(integerDigits + fractionDigits <= 15
                ? Utf8FloatParser.TryComposeExact(mantissa, fractionDigits, negative, out Unsafe.Add(ref d, taken))
                : Utf8FloatParser.TryCompose(mantissa, -fractionDigits, negative, out Unsafe.Add(ref d, taken))))
            {
                break;
            }

            taken++;
            p += numberEnd;
        }

        end = p;
        return taken;
    }

    /// <summary>
    /// The value of the first <paramref name="count"/> (0–16) digit bytes of <paramref name="v"/>: shuffled to the end of
    /// the vector (the shuffle zeroes the lanes before them and drops what follows), then combined in pairs, fours and
    /// eights by multiply-adds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RunValue(Vector128<byte> v, int count)
    {
        // Lane j takes byte j + count - 16; a negative index (bit 7 set) gives zero.
        var aligned = Ssse3.Shuffle(v, Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) + Vector128.Create((byte)(count - 16)));
        var pairs = Ssse3.MultiplyAddAdjacent(aligned, Vector128.Create((sbyte)10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1));
        var fours = Sse2.MultiplyAddAdjacent(pairs, Vector128.Create((short)100, 1, 100, 1, 100, 1, 100, 1));
        var packed = Sse41.PackUnsignedSaturate(fours, fours).AsInt16();
        var eights = Sse2.MultiplyAddAdjacent(packed, Vector128.Create((short)10000, 1, 10000, 1, 10000, 1, 10000, 1)).AsUInt64().ToScalar();
        return ((eights & 0xFFFF_FFFF) * 100_000_000) + (eights >> 32);
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

        if (significant > 19 || !Utf8FloatParser.TryCompose(mantissa, exponent, negative, out value))
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

using System.Numerics;
using System.Runtime.CompilerServices;

namespace LiftWing.Benchmarks;

/// <summary>
/// The previous implementation, kept only as the benchmarks' baseline (V2JsonBenchmarks).
/// Writes a finite <see cref="float"/> as its shortest round-trip decimal in UTF-8, byte for byte as
/// <see cref="System.Text.Json.Utf8JsonWriter"/> writes it (the BCL's "R" text: 0.1, 1E-05, 1.2345679E+08, -0).
/// The digits come from Ryu (Ulf Adams, PLDI 2018), which needs only 32×64-bit multiplications; the BCL's
/// formatter took ~150 ns per element and dominated V2 JSON encoding.
/// </summary>
internal static class LegacyUtf8FloatFormatter
{
    /// <summary>The longest text written: "-1.17549435E-38".</summary>
    public const int MaxLength = 15;

    private const int MantissaBits = 23;
    private const int Bias = 127;
    private const int Pow5InvBitCount = 59;
    private const int Pow5BitCount = 61;

    // The BCL switches to exponent notation past this many integer digits (or the digit count, if larger).
    private const int PlainDigits = 9;

    // Ryu's tables, computed rather than transcribed: ⌊2^(bits(5^i) - 1 + 59) / 5^i⌋ + 1 and 5^i scaled to 61 bits.
    private static readonly ulong[] Pow5InvSplit = BuildInverse(32);
    private static readonly ulong[] Pow5Split = BuildPowers(48);

    private static readonly uint[] PowersOf10 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000];

    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>Writes <paramref name="value"/> (finite) at the start of <paramref name="destination"/> (≥ <see cref="MaxLength"/> bytes); returns the bytes written.</summary>
    public static int Format(float value, Span<byte> destination)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        var pos = 0;
        if ((int)bits < 0)
        {
            destination[pos++] = (byte)'-';
        }

        var ieeeMantissa = bits & ((1u << MantissaBits) - 1);
        var ieeeExponent = (bits >> MantissaBits) & 0xFF;
        if (ieeeExponent == 0 && ieeeMantissa == 0)
        {
            destination[pos++] = (byte)'0';
            return pos;
        }

        var (digits, exponent) = Shortest(ieeeMantissa, ieeeExponent);
        return pos + WriteDecimal(digits, exponent, destination[pos..]);
    }

    /// <summary>Lays out digits × 10^exponent as the BCL's general format does for the shortest round-trip digits.</summary>
    private static int WriteDecimal(uint digits, int exponent, Span<byte> d)
    {
        var length = DecimalLength(digits);

        // scale: where the decimal point goes relative to the first digit (0.0123 has scale -1, 123.4 has 3).
        var scale = exponent + length;
        if (scale > Math.Max(length, PlainDigits) || scale < -3)
        {
            var rest = length - 1;
            var pos = 1;
            if (rest == 0)
            {
                d[0] = (byte)('0' + digits);
            }
            else
            {
                var head = digits / PowersOf10[rest];
                d[0] = (byte)('0' + head);
                d[1] = (byte)'.';
                WriteFixed(digits - (head * PowersOf10[rest]), rest, d[2..]);
                pos = 2 + rest;
            }

            var e = scale - 1;
            d[pos] = (byte)'E';
            d[pos + 1] = e < 0 ? (byte)'-' : (byte)'+';
            WriteFixed((uint)Math.Abs(e), 2, d[(pos + 2)..]);
            return pos + 4;
        }

        if (scale <= 0)
        {
            d[0] = (byte)'0';
            d[1] = (byte)'.';
            d.Slice(2, -scale).Fill((byte)'0');
            WriteFixed(digits, length, d[(2 - scale)..]);
            return 2 - scale + length;
        }

        if (scale >= length)
        {
            WriteFixed(digits, length, d);
            d[length..scale].Fill((byte)'0');
            return scale;
        }

        var fraction = length - scale;
        var integer = digits / PowersOf10[fraction];
        WriteFixed(integer, scale, d);
        d[scale] = (byte)'.';
        WriteFixed(digits - (integer * PowersOf10[fraction]), fraction, d[(scale + 1)..]);
        return length + 1;
    }

    /// <summary>Writes exactly <paramref name="count"/> digits of <paramref name="v"/> (leading zeros included), two at a time.</summary>
    private static void WriteFixed(uint v, int count, Span<byte> d)
    {
        var pairs = DigitPairs;
        while (count >= 2)
        {
            var q = v / 100;
            var r = (int)(v - (q * 100)) * 2;
            d[count - 2] = pairs[r];
            d[count - 1] = pairs[r + 1];
            v = q;
            count -= 2;
        }

        if (count == 1)
        {
            d[0] = (byte)('0' + v);
        }
    }

    /// <summary>Ryu's f2d: the shortest digits (and their power of ten) that read back as the same float.</summary>
    private static (uint Digits, int Exponent) Shortest(uint ieeeMantissa, uint ieeeExponent)
    {
        int e2;
        uint m2;
        if (ieeeExponent == 0)
        {
            e2 = 1 - Bias - MantissaBits - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = (int)ieeeExponent - Bias - MantissaBits - 2;
            m2 = (1u << MantissaBits) | ieeeMantissa;
        }

        var acceptBounds = (m2 & 1) == 0;
        var mv = 4 * m2;
        var mp = (4 * m2) + 2;
        var mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;
        var mm = (4 * m2) - 1 - mmShift;

        uint vr, vp, vm;
        int e10;
        var vmIsTrailingZeros = false;
        var vrIsTrailingZeros = false;
        uint lastRemovedDigit = 0;
        if (e2 >= 0)
        {
            var q = Log10Pow2(e2);
            e10 = q;
            var k = Pow5InvBitCount + Pow5Bits(q) - 1;
            var i = -e2 + q + k;
            vr = MulShift(mv, Pow5InvSplit[q], i);
            vp = MulShift(mp, Pow5InvSplit[q], i);
            vm = MulShift(mm, Pow5InvSplit[q], i);
            if (q != 0 && (vp - 1) / 10 <= vm / 10)
            {
                var l = Pow5InvBitCount + Pow5Bits(q - 1) - 1;
                lastRemovedDigit = MulShift(mv, Pow5InvSplit[q - 1], -e2 + q - 1 + l) % 10;
            }

            if (q <= 9)
            {
                // Only one of mp, mv and mm can be a multiple of 5, if any.
                if (mv % 5 == 0)
                {
                    vrIsTrailingZeros = Pow5Factor(mv) >= q;
                }
                else if (acceptBounds)
                {
                    vmIsTrailingZeros = Pow5Factor(mm) >= q;
                }
                else
                {
                    vp -= Pow5Factor(mp) >= q ? 1u : 0u;
                }
            }
        }
        else
        {
            var q = Log10Pow5(-e2);
            e10 = q + e2;
            var i = -e2 - q;
            var k = Pow5Bits(i) - Pow5BitCount;
            var j = q - k;
            vr = MulShift(mv, Pow5Split[i], j);
            vp = MulShift(mp, Pow5Split[i], j);
            vm = MulShift(mm, Pow5Split[i], j);
            if (q != 0 && (vp - 1) / 10 <= vm / 10)
            {
                j = q - 1 - (Pow5Bits(i + 1) - Pow5BitCount);
                lastRemovedDigit = MulShift(mv, Pow5Split[i + 1], j) % 10;
            }

            if (q <= 1)
            {
                // mv = 4·m2 has at least two trailing zero bits; mm has one exactly when mmShift is 1.
                vrIsTrailingZeros = true;
                if (acceptBounds)
                {
                    vmIsTrailingZeros = mmShift == 1;
                }
                else
                {
                    vp--;
                }
            }
            else if (q < 31)
            {
                vrIsTrailingZeros = (mv & ((1u << (q - 1)) - 1)) == 0;
            }
        }

        var removed = 0;
        uint output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            // The rare general case (~4%).
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = vr % 10;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }

            if (vmIsTrailingZeros)
            {
                while (vm % 10 == 0)
                {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = vr % 10;
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    removed++;
                }
            }

            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0)
            {
                // Exactly …50…0: round half to even.
                lastRemovedDigit = 4;
            }

            output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1u : 0u);
        }
        else
        {
            while (vp / 10 > vm / 10)
            {
                lastRemovedDigit = vr % 10;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }

            output = vr + (vr == vm || lastRemovedDigit >= 5 ? 1u : 0u);
        }

        return (output, e10 + removed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MulShift(uint m, ulong factor, int shift)
    {
        var bits0 = (ulong)m * (uint)factor;
        var bits1 = (ulong)m * (uint)(factor >> 32);
        var sum = (bits0 >> 32) + bits1;
        return (uint)(sum >> (shift - 32));
    }

    private static uint Pow5Factor(uint value)
    {
        uint count = 0;
        while (value % 5 == 0)
        {
            value /= 5;
            count++;
        }

        return count;
    }

    // ⌈log2(5^e)⌉ for e ≥ 1 (1 for e = 0), ⌊log10(2^e)⌋ and ⌊log10(5^e)⌋: Ryu's integer approximations, exact in range.
    private static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    private static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    private static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    private static int DecimalLength(uint v) =>
        v >= 100000000 ? 9 : v >= 10000000 ? 8 : v >= 1000000 ? 7 : v >= 100000 ? 6 : v >= 10000 ? 5
        : v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1;

    private static ulong[] BuildInverse(int count)
    {
        var table = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            var pow5 = BigInteger.Pow(5, i);
            var shift = (int)pow5.GetBitLength() - 1 + Pow5InvBitCount;
            table[i] = (ulong)((BigInteger.One << shift) / pow5) + 1;
        }

        return table;
    }

    private static ulong[] BuildPowers(int count)
    {
        var table = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            var pow5 = BigInteger.Pow(5, i);
            var shift = (int)pow5.GetBitLength() - Pow5BitCount;
            table[i] = (ulong)(shift >= 0 ? pow5 >> shift : pow5 << -shift);
        }

        return table;
    }
}

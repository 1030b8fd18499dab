using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;

namespace LiftWing.Benchmarks;

/// <summary>
/// The round-3 implementation (before the vectorised paths of round 4), kept only as the benchmarks' baseline.
/// Writes a finite <see cref="float"/> as its shortest round-trip decimal in UTF-8, byte for byte as
/// <see cref="System.Text.Json.Utf8JsonWriter"/> writes it (the BCL's "R" text: 0.1, 1E-05, 1.2345679E+08, -0).
/// The digits come from <see cref="Round3SchubfachDigits"/> where it can decide, otherwise from Ryu (Ulf Adams, PLDI 2018),
/// which needs only 32×64-bit multiplications; the BCL's
/// formatter took ~150 ns per element and dominated V2 JSON encoding. The text is laid out from the digits with
/// word-wide stores (all digits converted to ASCII at once), not digit by digit.
/// </summary>
internal static class Round3Utf8FloatFormatter
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

    /// <summary>
    /// How many bytes from the destination's start <see cref="FormatUnchecked"/> may overwrite: it writes digits eight
    /// at a time, past the end of the text (the caller's next bytes overwrite them).
    /// </summary>
    public const int ScratchLength = 24;

    /// <summary>Writes <paramref name="value"/> (finite) at the start of <paramref name="destination"/> (≥ <see cref="MaxLength"/> bytes); returns the bytes written.</summary>
    public static int Format(float value, Span<byte> destination)
    {
        if (destination.Length >= ScratchLength)
        {
            return FormatUnchecked(value, ref MemoryMarshal.GetReference(destination));
        }

        Span<byte> scratch = stackalloc byte[ScratchLength];
        var length = FormatUnchecked(value, ref MemoryMarshal.GetReference(scratch));
        scratch[..length].CopyTo(destination);
        return length;
    }

    /// <summary>
    /// Writes <paramref name="value"/> (finite) at <paramref name="destination"/>, which must have
    /// <see cref="ScratchLength"/> writable bytes; returns the length of the text.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FormatUnchecked(float value, ref byte destination)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        var sign = (int)(bits >> 31);
        destination = (byte)'-';
        ref var d = ref Unsafe.Add(ref destination, sign);
        var ieeeMantissa = bits & ((1u << MantissaBits) - 1);
        var ieeeExponent = (bits >> MantissaBits) & 0xFF;
        if (ieeeExponent == 0 && ieeeMantissa == 0)
        {
            d = (byte)'0';
            return sign + 1;
        }

        if (Round3SchubfachDigits.TryShortest(ieeeMantissa, ieeeExponent, out var digits, out var exponent))
        {
            // Schubfach may leave trailing zeros (usually none or one).
            var tenth = digits / 10;
            while (tenth * 10 == digits)
            {
                digits = tenth;
                exponent++;
                tenth = digits / 10;
            }
        }
        else
        {
            (digits, exponent) = Shortest(ieeeMantissa, ieeeExponent);
        }

        return sign + WriteDecimal(digits, exponent, ref d);
    }

    /// <summary>Lays out digits × 10^exponent as the BCL's general format does for the shortest round-trip digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteDecimal(uint digits, int exponent, ref byte d)
    {
        var length = DecimalLength(digits);

        // The digits as text: the first of nine (0 when there are fewer) and the other eight, first digit in the low byte.
        var top = digits / 100_000_000;
        var low = Ascii8(digits - (top * 100_000_000));

        // Up to eight digits: all of them, first digit in the low byte, zero bytes after.
        var text = length == 9 ? low : low >> (8 * (8 - length));

        // scale: where the decimal point goes relative to the first digit (0.0123 has scale -1, 123.4 has 3).
        var scale = exponent + length;
        if (scale > Math.Max(length, PlainDigits) || scale < -3)
        {
            // d.ddddE±XX (|exponent| < 100 for a float).
            int pos;
            if (length == 1)
            {
                d = (byte)text;
                pos = 1;
            }
            else
            {
                if (length == 9)
                {
                    d = (byte)('0' + top);
                    Write8(ref d, 2, text);
                }
                else
                {
                    d = (byte)text;
                    Write8(ref d, 2, text >> 8);
                }

                Unsafe.Add(ref d, 1) = (byte)'.';
                pos = length + 1;
            }

            var e = scale - 1;
            Unsafe.Add(ref d, pos) = (byte)'E';
            Unsafe.Add(ref d, pos + 1) = e < 0 ? (byte)'-' : (byte)'+';
            var pair = 2 * Math.Abs(e);
            Unsafe.Add(ref d, pos + 2) = DigitPairs[pair];
            Unsafe.Add(ref d, pos + 3) = DigitPairs[pair + 1];
            return pos + 4;
        }

        if (scale <= 0)
        {
            // 0.[000]ddd: "0." and three zeros, then the digits over the zeros not needed.
            Write8(ref d, 0, 0x3030_3030_3030_2E30);
            WriteDigits(ref d, 2 - scale, length, top, text);
            return 2 - scale + length;
        }

        if (scale >= length)
        {
            // ddd[000]: at most nine characters, so at most eight zeros.
            WriteDigits(ref d, 0, length, top, text);
            Write8(ref d, length, 0x3030_3030_3030_3030);
            return scale;
        }

        // ddd.ddd: all the digits, then the ones after the point again one byte further on.
        if (length == 9)
        {
            d = (byte)('0' + top);
            Write8(ref d, 1, text);
            Write8(ref d, scale + 1, text >> (8 * (scale - 1)));
        }
        else
        {
            Write8(ref d, 0, text);
            Write8(ref d, scale + 1, text >> (8 * scale));
        }

        Unsafe.Add(ref d, scale) = (byte)'.';
        return length + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteDigits(ref byte d, int at, int length, uint top, ulong text)
    {
        if (length == 9)
        {
            Unsafe.Add(ref d, at) = (byte)('0' + top);
            at++;
        }

        Write8(ref d, at, text);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write8(ref byte d, int at, ulong eightBytes) =>
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, at), BitConverter.IsLittleEndian ? eightBytes : BinaryPrimitives.ReverseEndianness(eightBytes));

    /// <summary>
    /// The eight decimal digits of <paramref name="v"/> (&lt; 10^8, leading zeros included) as ASCII, first digit in the
    /// low byte: split into 4-digit halves, then 2-digit quarters, then digits, in parallel lanes of one 64-bit word.
    /// The divisions are multiply-shifts exact in range (n·10486 ≫ 20 = n / 100 for n &lt; 10^4, n·103 ≫ 10 = n / 10 for n &lt; 100).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Ascii8(uint v)
    {
        var high = v / 10_000;
        var x = high | ((ulong)(v - (high * 10_000)) << 32);
        var hundreds = ((x * 10486) >> 20) & 0x0000_007F_0000_007F;
        x = hundreds | ((x - (hundreds * 100)) << 16);
        var tens = ((x * 103) >> 10) & 0x000F_000F_000F_000F;
        x = tens | ((x - (tens * 10)) << 8);
        return x + 0x3030_3030_3030_3030;
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
            // Usually zero to two digits go, rarely more: the first two steps select instead of branching, because
            // how many go is data, and a mispredicted loop exit cost more than the arithmetic.
            for (var step = 0; step < 2; step++)
            {
                var vp10 = vp / 10;
                var vm10 = vm / 10;
                var vr10 = vr / 10;
                var take = 0u - (vp10 > vm10 ? 1u : 0u);
                lastRemovedDigit = ((vr - (vr10 * 10)) & take) | (lastRemovedDigit & ~take);
                vr = (vr10 & take) | (vr & ~take);
                vp = (vp10 & take) | (vp & ~take);
                vm = (vm10 & take) | (vm & ~take);
                removed += (int)(take & 1);
            }

            while (vp / 10 > vm / 10)
            {
                lastRemovedDigit = vr % 10;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }

            output = vr + ((vr == vm) | (lastRemovedDigit >= 5) ? 1u : 0u);
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

    // ⌊log10(v)⌋ + 1 from ⌊log2(v)⌋ (1233/4096 ≈ log10 2), corrected by one comparison; v ≥ 1.
    private static int DecimalLength(uint v)
    {
        var guess = ((BitOperations.Log2(v) + 1) * 1233) >> 12;
        return guess + (v >= PowersOf10[guess] ? 1 : 0);
    }

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

using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;

namespace LiftWing.Core.Tensors;

/// <summary>
/// Writes a finite <see cref="float"/> as its shortest round-trip decimal in UTF-8, byte for byte as
/// <see cref="System.Text.Json.Utf8JsonWriter"/> writes it (the BCL's "R" text: 0.1, 1E-05, 1.2345679E+08, -0).
/// The digits come from <see cref="SchubfachDigits"/> where it can decide, otherwise from Ryu (Ulf Adams, PLDI 2018),
/// which needs only 32×64-bit multiplications; the BCL's
/// formatter took ~150 ns per element and dominated V2 JSON encoding. The text is laid out from the digits with
/// word-wide stores (all digits converted to ASCII at once), not digit by digit.
/// </summary>
internal static class Utf8FloatFormatter
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

    private static ReadOnlySpan<uint> PowersOf10 => [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];

    // See DecimalLength; checked against every power of ten and its neighbours by the unit tests.
    private static ReadOnlySpan<ulong> DigitCountSteps =>
    [
        0x1_0000_0000, 0x1_0000_0000, 0x1_0000_0000, 0x1_FFFF_FFF6, 0x2_0000_0000, 0x2_0000_0000, 0x2_FFFF_FF9C, 0x3_0000_0000,
        0x3_0000_0000, 0x3_FFFF_FC18, 0x4_0000_0000, 0x4_0000_0000, 0x4_0000_0000, 0x4_FFFF_D8F0, 0x5_0000_0000, 0x5_0000_0000,
        0x5_FFFE_7960, 0x6_0000_0000, 0x6_0000_0000, 0x6_FFF0_BDC0, 0x7_0000_0000, 0x7_0000_0000, 0x7_0000_0000, 0x7_FF67_6980,
        0x8_0000_0000, 0x8_0000_0000, 0x8_FA0A_1F00, 0x9_0000_0000, 0x9_0000_0000, 0x9_C465_3600, 0xA_0000_0000, 0xA_0000_0000,
    ];

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
        if ((bits << 1) == 0)
        {
            d = (byte)'0';
            return sign + 1;
        }

        // Schubfach may leave trailing zeros (usually none or one); the layout drops them.
        if (!SchubfachDigits.TryShortest(ieeeMantissa, ieeeExponent, out var digits, out var exponent))
        {
            (digits, exponent) = Shortest(ieeeMantissa, ieeeExponent);
        }

        return sign + WriteDecimal(digits, exponent, ref d);
    }

    /// <summary>
    /// Lays out digits × 10^exponent (digits &lt; 10^9, trailing zeros allowed) as the BCL's general format does for the
    /// shortest round-trip digits. The digits are first scaled to exactly nine (so every layout writes the same nine
    /// bytes, with no branch on their count); the trailing zeros are then counted from the ASCII word, not divided off.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteDecimal(uint digits, int exponent, ref byte d)
    {
        Debug.Assert(digits is > 0 and < 1_000_000_000);
        var n = DecimalLength(digits);

        // scale: where the decimal point goes relative to the first digit (0.0123 has scale -1, 123.4 has 3).
        var scale = exponent + n;
        var nine = digits * Unsafe.Add(ref MemoryMarshal.GetReference(PowersOf10), 9 - n);

        // The first digit, and the other eight as byte values 0–9, first digit in the low byte.
        var top = nine / 100_000_000;
        return Layout(top, Digits8(nine - (top * 100_000_000)), scale, ref d);
    }

    /// <summary>
    /// Writes a nine-digit significand (first digit <paramref name="top"/>, 1–9; the other eight as byte values 0–9 in
    /// <paramref name="low"/>, first in the low byte) with the decimal point <paramref name="scale"/> digits after its
    /// first digit; returns the length of the text. Zero bytes at the top of <paramref name="low"/> are trailing zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Layout(uint top, ulong low, int scale, ref byte d)
    {
        var length = 9 - (BitOperations.LeadingZeroCount(low) >> 3);
        var first = (byte)('0' + top);
        var text = low + 0x3030_3030_3030_3030;

        if ((uint)(scale + 3) > 12)
        {
            // d.ddddE±XX (|exponent| < 100 for a float), when the point is more than 9 digits right or 3 left of the first.
            d = first;
            Unsafe.Add(ref d, 1) = (byte)'.';
            Write8(ref d, 2, text);
            var pos = length == 1 ? 1 : length + 1;
            var e = scale - 1;
            var pair = 2 * Math.Abs(e);
            Unsafe.Add(ref d, pos) = (byte)'E';
            Unsafe.Add(ref d, pos + 1) = e < 0 ? (byte)'-' : (byte)'+';
            Unsafe.Add(ref d, pos + 2) = DigitPairs[pair];
            Unsafe.Add(ref d, pos + 3) = DigitPairs[pair + 1];
            return pos + 4;
        }

        if (scale <= 0)
        {
            // 0.[000]ddd: "0." and three zeros, then the digits over the zeros not needed.
            Write8(ref d, 0, 0x3030_3030_3030_2E30);
            Unsafe.Add(ref d, 2 - scale) = first;
            Write8(ref d, 3 - scale, text);
            return 2 - scale + length;
        }

        // ddd.ddd, or ddd[000] when the point is at or past the last digit (the nine digits end in the zeros needed, and
        // the point and what follows it land past the end of the text, where the caller's next bytes overwrite them).
        d = first;
        Write8(ref d, 1, text);
        Unsafe.Add(ref d, scale) = (byte)'.';
        Write8(ref d, scale + 1, text >> (8 * (scale - 1)));
        return scale >= length ? scale : length + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write8(ref byte d, int at, ulong eightBytes) =>
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, at), BitConverter.IsLittleEndian ? eightBytes : BinaryPrimitives.ReverseEndianness(eightBytes));

    /// <summary>The eight decimal digits of <paramref name="v"/> (&lt; 10^8, leading zeros included) as ASCII, first digit in the low byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Ascii8(uint v) => Digits8(v) + 0x3030_3030_3030_3030;

    /// <summary>
    /// The eight decimal digits of <paramref name="v"/> (&lt; 10^8, leading zeros included) as byte values 0–9, first
    /// digit in the low byte: split into 4-digit halves, then 2-digit quarters, then digits, in parallel lanes of one
    /// 64-bit word. The divisions are multiply-shifts exact in range (n·10486 ≫ 20 = n / 100 for n &lt; 10^4,
    /// n·103 ≫ 10 = n / 10 for n &lt; 100).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Digits8(uint v)
    {
        var high = v / 10_000;
        var x = high | ((ulong)(v - (high * 10_000)) << 32);
        var hundreds = ((x * 10486) >> 20) & 0x0000_007F_0000_007F;
        x = hundreds | ((x - (hundreds * 100)) << 16);
        var tens = ((x * 103) >> 10) & 0x000F_000F_000F_000F;
        return tens | ((x - (tens * 10)) << 8);
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

    /// <summary>
    /// The number of decimal digits of <paramref name="v"/> (≥ 1): v plus an entry chosen by ⌊log2 v⌋ carries into bit 32
    /// and up exactly the digit count (the entry is (digits + 1)·2^32 − 10^digits where a power of ten splits the binade).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int DecimalLength(uint v) =>
        (int)((v + Unsafe.Add(ref MemoryMarshal.GetReference(DigitCountSteps), BitOperations.Log2(v))) >> 32);

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

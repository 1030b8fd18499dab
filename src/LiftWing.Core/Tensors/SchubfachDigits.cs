using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace LiftWing.Core.Tensors;

/// <summary>
/// The shortest decimal digits of a normal float by Schubfach (Raffaello Giulietti, "The Schubfach way to render
/// doubles", 2020), which needs three 64×64-bit products and no digit-removal loop: it scales the value and its
/// rounding interval's bounds by 10^-k so that they have 8–9 digits, then picks from the multiple of ten below or above
/// the value (one digit fewer) or the integer below or above it, whichever lies in the interval, closest, ties to even.
/// The scaled values are rounded to odd from the high half of each product alone, which the paper shows is exact
/// enough for floats (and an exhaustive run over every float confirmed, byte for byte against the round-3 formatter).
/// It answers false only for subnormals; <see cref="Utf8FloatFormatter"/> then uses Ryu.
/// </summary>
internal static class SchubfachDigits
{
    // -k for a float lies in [-31, 45]: the table of 10^-k starts at -31.
    internal const int MinPowerOf10 = -31;
    internal const int MaxPowerOf10 = 45;

    // g(e) = ⌊10^e · 2^(63 - ⌊e·log2 10⌋)⌋ + 1: 10^e with 64 significant bits, rounded up; computed, not transcribed.
    // A constant table (the JIT reads it without a bounds check or a static base); the unit tests check it against
    // BuildPowersOf10.
    private static ReadOnlySpan<ulong> PowersOf10Up =>
    [
        0x81CEB32C4B43FCF5, 0xA2425FF75E14FC32, 0xCAD2F7F5359A3B3F, 0xFD87B5F28300CA0E, 0x9E74D1B791E07E49, 0xC612062576589DDB,
        0xF79687AED3EEC552, 0x9ABE14CD44753B53, 0xC16D9A0095928A28, 0xF1C90080BAF72CB2, 0x971DA05074DA7BEF, 0xBCE5086492111AEB,
        0xEC1E4A7DB69561A6, 0x9392EE8E921D5D08, 0xB877AA3236A4B44A, 0xE69594BEC44DE15C, 0x901D7CF73AB0ACDA, 0xB424DC35095CD810,
        0xE12E13424BB40E14, 0x8CBCCC096F5088CC, 0xAFEBFF0BCB24AAFF, 0xDBE6FECEBDEDD5BF, 0x89705F4136B4A598, 0xABCC77118461CEFD,
        0xD6BF94D5E57A42BD, 0x8637BD05AF6C69B6, 0xA7C5AC471B478424, 0xD1B71758E219652C, 0x83126E978D4FDF3C, 0xA3D70A3D70A3D70B,
        0xCCCCCCCCCCCCCCCD, 0x8000000000000001, 0xA000000000000001, 0xC800000000000001, 0xFA00000000000001, 0x9C40000000000001,
        0xC350000000000001, 0xF424000000000001, 0x9896800000000001, 0xBEBC200000000001, 0xEE6B280000000001, 0x9502F90000000001,
        0xBA43B74000000001, 0xE8D4A51000000001, 0x9184E72A00000001, 0xB5E620F480000001, 0xE35FA931A0000001, 0x8E1BC9BF04000001,
        0xB1A2BC2EC5000001, 0xDE0B6B3A76400001, 0x8AC7230489E80001, 0xAD78EBC5AC620001, 0xD8D726B7177A8001, 0x878678326EAC9001,
        0xA968163F0A57B401, 0xD3C21BCECCEDA101, 0x84595161401484A1, 0xA56FA5B99019A5C9, 0xCECB8F27F4200F3B, 0x813F3978F8940985,
        0xA18F07D736B90BE6, 0xC9F2C9CD04674EDF, 0xFC6F7C4045812297, 0x9DC5ADA82B70B59E, 0xC5371912364CE306, 0xF684DF56C3E01BC7,
        0x9A130B963A6C115D, 0xC097CE7BC90715B4, 0xF0BDC21ABB48DB21, 0x96769950B50D88F5, 0xBC143FA4E250EB32, 0xEB194F8E1AE525FE,
        0x92EFD1B8D0CF37BF, 0xB7ABC627050305AE, 0xE596B7B0C643C71A, 0x8F7E32CE7BEA5C70, 0xB35DBF821AE4F38C,
    ];

    /// <summary>
    /// By biased exponent (1–254; 0 and 255 hold zeros), for a float that is not a power of two: g, the shift h and the
    /// power of ten k of <see cref="TryShortest"/>, which the vectorised formatter reads per element instead of
    /// computing them (<see cref="Utf8FloatBatchFormatter"/>).
    /// </summary>
    internal static readonly ulong[] ScaleByExponent = ByExponent((_, k) => PowersOf10Up[-k - MinPowerOf10]);

    /// <inheritdoc cref="ScaleByExponent"/>
    internal static readonly ulong[] ShiftByExponent = ByExponent((q, k) => (ulong)(q + FloorLog2Pow10(-k) + 32));

    /// <inheritdoc cref="ScaleByExponent"/>
    internal static readonly int[] PowerOf10ByExponent = ByExponent((_, k) => k);

    /// <summary>
    /// The digits (possibly with trailing zeros) and power of ten of the shortest decimal that reads back as the float;
    /// false for a subnormal (exponent field 0), which this does not handle.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryShortest(uint ieeeMantissa, uint ieeeExponent, out uint digits, out int exponent)
    {
        if (ieeeExponent == 0)
        {
            digits = 0;
            exponent = 0;
            return false;
        }

        // value = c·2^q; its rounding interval is c ± 1/2 units, but only c - 1/4 below at a power of two (closer predecessor).
        var c = ieeeMantissa | (1u << 23);
        var q = (int)ieeeExponent - 150;
        var powerOfTwo = ieeeMantissa == 0 && ieeeExponent > 1;
        var k = powerOfTwo ? FloorLog10ThreeQuartersPow2(q) : FloorLog10Pow2(q);
        var h = q + FloorLog2Pow10(-k) + 32;
        var g = Unsafe.Add(ref MemoryMarshal.GetReference(PowersOf10Up), -k - MinPowerOf10);

        // The value and its interval's bounds in quarter units (×4), scaled by 10^-k: 8–9 digits with two fraction bits.
        var cb = (ulong)c << 2;
        var vb = RoundToOdd(g, cb << h);
        var vbr = RoundToOdd(g, (cb + 2) << h);
        var vbl = RoundToOdd(g, (cb - (powerOfTwo ? 1UL : 2UL)) << h);

        // An odd c means an open interval (round half to even reads the bounds back as the neighbours). s has 7–9 digits
        // for any normal float (c ≥ 2^23 and 2^q·10^-k ≥ 1), so the multiples of ten around it are never 0.
        var open = c & 1;
        var s = vb >> 2;
        var shorter = s / 10 * 10;
        var shorterAbove = shorter + 10;
        var belowIn = vbl + open <= shorter << 2;
        var aboveIn = (shorterAbove << 2) + open <= vbr;
        exponent = k;
        if (belowIn != aboveIn)
        {
            digits = belowIn ? shorter : shorterAbove;
            return true;
        }

        var t = s + 1;
        var sIn = vbl + open <= s << 2;
        var tIn = (t << 2) + open <= vbr;
        if (sIn != tIn)
        {
            digits = sIn ? s : t;
            return true;
        }

        // Both in: the closer, and s on a tie when it is even.
        var distance = (int)vb - (int)((s + t) << 1);
        digits = distance < 0 || (distance == 0 && (s & 1) == 0) ? s : t;
        return true;
    }

    /// <summary>
    /// The high 64 bits of g·cp (below 2^61, as cp &lt; 2^61) shifted right by 31, rounded to odd: the low bit is set
    /// when any bit shifted out is. For floats this decides as the exact scaled value would (Giulietti's bound for a
    /// 63-bit g, ours has 64); checked for every float against the round-3 formatter and in the unit tests against the
    /// BCL. Multiplying for the high half only, without the low half's store, is one instruction with BMI2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint RoundToOdd(ulong g, ulong cp)
    {
        var x = Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(g, cp) : Math.BigMul(g, cp, out _);
        return (uint)((x >> 31) | (((x & 0x7FFF_FFFF) + 0x7FFF_FFFF) >> 31));
    }

    // ⌊e·log10 2⌋, ⌊e·log10 2 + log10 3/4⌋ and ⌊e·log2 10⌋ as fixed-point products, exact far beyond a float's range
    // (the unit tests compare them with BigInteger logarithms over it).
    internal static int FloorLog10Pow2(int e) => (int)((e * 661_971_961_083L) >> 41);

    internal static int FloorLog10ThreeQuartersPow2(int e) => (int)(((e * 661_971_961_083L) - 274_743_187_321L) >> 41);

    internal static int FloorLog2Pow10(int e) => (int)((e * 913_124_641_741L) >> 38);

    private static T[] ByExponent<T>(Func<int, int, T> of)
    {
        var table = new T[256];
        for (var e = 1; e < 255; e++)
        {
            var q = e - 150;
            table[e] = of(q, FloorLog10Pow2(q));
        }

        return table;
    }

    /// <summary>The table PowersOf10Up holds, computed (for the unit tests).</summary>
    internal static ulong[] PowersOf10UpTable => PowersOf10Up.ToArray();

    /// <summary>g(e) for e in [from, to], computed with big integers.</summary>
    internal static ulong[] BuildPowersOf10(int from, int to)
    {
        var table = new ulong[to - from + 1];
        for (var e = from; e <= to; e++)
        {
            var shift = 63 - FloorLog2Pow10(e);
            var numerator = e >= 0 ? BigInteger.Pow(10, e) : BigInteger.One;
            var denominator = e >= 0 ? BigInteger.One : BigInteger.Pow(10, -e);
            if (shift >= 0)
            {
                numerator <<= shift;
            }
            else
            {
                denominator <<= -shift;
            }

            table[e - from] = (ulong)((numerator / denominator) + 1);
        }

        return table;
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;

namespace LiftWing.Benchmarks;

/// <summary>
/// The round-3 implementation (before the vectorised paths of round 4), kept only as the benchmarks' baseline.
/// The shortest decimal digits of a normal float by Schubfach (Raffaello Giulietti, "The Schubfach way to render
/// doubles", 2020), which needs three 64×64-bit products and no digit-removal loop: it scales the value and its
/// rounding interval's bounds by 10^-k so that they have 8–9 digits, then picks from the multiple of ten below or above
/// the value (one digit fewer) or the integer below or above it, whichever lies in the interval, closest, ties to even.
/// It answers false where it cannot be sure (subnormals, and products that may be exact integers, where round-to-odd
/// would be off by one); <see cref="Round3Utf8FloatFormatter"/> then uses Ryu.
/// </summary>
internal static class Round3SchubfachDigits
{
    // -k for a float lies in [-31, 45]: the table of 10^-k starts at -31.
    private const int MinPowerOf10 = -31;

    // g(e) = ⌊10^e · 2^(63 - ⌊e·log2 10⌋)⌋ + 1: 10^e with 64 significant bits, rounded up; computed, not transcribed.
    private static readonly ulong[] PowersOf10Up = BuildPowersOf10(MinPowerOf10, 45);

    /// <summary>The digits (possibly with trailing zeros) and power of ten of the shortest decimal that reads back as the float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryShortest(uint ieeeMantissa, uint ieeeExponent, out uint digits, out int exponent)
    {
        digits = 0;
        exponent = 0;
        if (ieeeExponent == 0)
        {
            return false;
        }

        // value = c·2^q; its rounding interval is c ± 1/2 units, but only c - 1/4 below at a power of two (closer predecessor).
        var c = ieeeMantissa | (1u << 23);
        var q = (int)ieeeExponent - 150;
        var powerOfTwo = ieeeMantissa == 0 && ieeeExponent > 1;
        var k = powerOfTwo ? FloorLog10ThreeQuartersPow2(q) : FloorLog10Pow2(q);
        var h = q + FloorLog2Pow10(-k) + 1;
        var g = PowersOf10Up[-k - MinPowerOf10];

        // In quarter units (×4), shifted so that the high 64 bits of g·x are 4·x·2^q·10^-k (x below 2^30: no overflow).
        var middle = (ulong)c << (2 + h);
        var upper = middle + (2UL << h);
        var lower = middle - ((powerOfTwo ? 1UL : 2UL) << h);
        var vb = Math.BigMul(g, middle, out var middleLow);
        var vbr = Math.BigMul(g, upper, out var upperLow);
        var vbl = Math.BigMul(g, lower, out var lowerLow);

        // g is high by less than one unit, so each product is high by less than x/2^64: a fraction above that is the
        // exact value's, which is then not an integer (round to odd: set the low bit). Otherwise the exact value may be
        // an integer, which only Ryu's exact arithmetic handles.
        if (middleLow <= middle || upperLow <= upper || lowerLow <= lower)
        {
            return false;
        }

        vb |= 1;
        vbr |= 1;
        vbl |= 1;

        // An odd c means an open interval (round half to even reads the bounds back as the neighbours).
        var open = c & 1;
        var s = vb >> 2;
        if (s >= 100)
        {
            var shorter = s / 10 * 10;
            var shorterAbove = shorter + 10;
            var belowIn = vbl + open <= shorter << 2;
            var aboveIn = (shorterAbove << 2) + open <= vbr;
            if (belowIn != aboveIn)
            {
                digits = (uint)(belowIn ? shorter : shorterAbove);
                exponent = k;
                return true;
            }
        }

        var t = s + 1;
        var sIn = vbl + open <= s << 2;
        var tIn = (t << 2) + open <= vbr;
        exponent = k;
        if (sIn != tIn)
        {
            digits = (uint)(sIn ? s : t);
            return true;
        }

        // Both in: the closer, and s on a tie when it is even.
        var distance = (long)vb - (long)((s + t) << 1);
        digits = (uint)(distance < 0 || (distance == 0 && (s & 1) == 0) ? s : t);
        return true;
    }

    // ⌊e·log10 2⌋, ⌊e·log10 2 + log10 3/4⌋ and ⌊e·log2 10⌋ as fixed-point products, exact far beyond a float's range
    // (the unit tests compare them with BigInteger logarithms over it).
    internal static int FloorLog10Pow2(int e) => (int)((e * 661_971_961_083L) >> 41);

    internal static int FloorLog10ThreeQuartersPow2(int e) => (int)(((e * 661_971_961_083L) - 274_743_187_321L) >> 41);

    internal static int FloorLog2Pow10(int e) => (int)((e * 913_124_641_741L) >> 38);

    private static ulong[] BuildPowersOf10(int from, int to)
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

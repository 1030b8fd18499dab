using System.Runtime.CompilerServices;

namespace LiftWing.Benchmarks;

/// <summary>
/// The round-3 implementation (before the vectorised paths of round 4), kept only as the benchmarks' baseline.
/// A fast path for parsing a JSON number token to the nearest <see cref="float"/> (Clinger's exact-double path).
/// The BCL's parser costs ~100 ns per element and dominated V2 JSON decoding; this path takes a few ns for the
/// numbers clients send (at most 19 significant digits, decimal exponent within ±44). It answers false, without
/// guessing, where it cannot be sure of the correctly rounded result (or it would overflow); the caller then uses the
/// BCL parser.
/// </summary>
internal static class Round3Utf8FloatParser
{
    // 2^-126, the smallest normal float.
    private const double SmallestNormalFloat = 1.1754943508222875E-38;

    // 10^0 … 10^22: every one is exactly representable as a double.
    private static ReadOnlySpan<double> PowersOf10 =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// Parses a token that <see cref="System.Text.Json.Utf8JsonReader"/> has already validated as a JSON number
    /// (-?int(.frac)?([eE][+-]?digits)?). False means "not decided here", not "invalid".
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> s, out float value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if ((uint)i < (uint)s.Length && s[i] == (byte)'-')
        {
            negative = true;
            i++;
        }

        ulong mantissa = 0;
        var significant = 0;
        var exponent = 0;
        uint d;
        while ((uint)i < (uint)s.Length && (d = (uint)(s[i] - '0')) <= 9)
        {
            mantissa = (mantissa * 10) + d;
            significant += mantissa == 0 ? 0 : 1;
            i++;
        }

        if ((uint)i < (uint)s.Length && s[i] == (byte)'.')
        {
            i++;
            while ((uint)i < (uint)s.Length && (d = (uint)(s[i] - '0')) <= 9)
            {
                mantissa = (mantissa * 10) + d;
                significant += mantissa == 0 ? 0 : 1;
                exponent--;
                i++;
            }
        }

        // More than 19 significant digits may have wrapped the 64-bit mantissa.
        if (significant > 19)
        {
            return false;
        }

        if ((uint)i < (uint)s.Length && (s[i] | 0x20) == (byte)'e')
        {
            i++;
            var negativeExponent = false;
            if ((uint)i < (uint)s.Length && (s[i] == (byte)'-' || s[i] == (byte)'+'))
            {
                negativeExponent = s[i] == (byte)'-';
                i++;
            }

            var e = 0;
            while ((uint)i < (uint)s.Length && (d = (uint)(s[i] - '0')) <= 9)
            {
                if (e > 1000)
                {
                    return false;
                }

                e = (e * 10) + (int)d;
                i++;
            }

            exponent += negativeExponent ? -e : e;
        }

        if (i != s.Length)
        {
            return false;
        }

        return TryCompose(mantissa, exponent, negative, out value);
    }

    /// <summary>
    /// The float nearest mantissa × 10^exponent (negated when <paramref name="negative"/>), where that can be decided
    /// exactly here; the mantissa must be exact (at most 19 significant digits). False means "not decided here".
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryCompose(ulong mantissa, int exponent, bool negative, out float value)
    {
        value = 0;
        if (mantissa == 0)
        {
            value = negative ? -0f : 0f;
            return true;
        }

        if (exponent < -44 || exponent > 44)
        {
            return false;
        }

        // 10^0 … 10^22 are exact doubles. With an exact mantissa (≤ 2^53) and |exponent| ≤ 22, x is the correctly
        // rounded double of the true value; otherwise (up to 19 digits: clients that send float32 data as doubles write
        // 17; or a second power of ten) at most three roundings put it within 8 double ulps of it. Rounding x to float
        // is then right unless x lies that close to a midpoint between two floats (the low 29 of its 52 fraction bits
        // near 1000…0), where the true value's side of it is unknown. Subnormal floats (another midpoint pattern) and
        // overflow are left to the BCL.
        var x = (double)mantissa;
        var scale = Math.Abs(exponent);
        if (scale > 22)
        {
            x = exponent < 0 ? x / 1e22 : x * 1e22;
            scale -= 22;
        }

        x = exponent < 0 ? x / PowersOf10[scale] : x * PowersOf10[scale];
        var margin = mantissa <= (1UL << 53) && exponent is >= -22 and <= 22 ? 0L : 8L;
        if (x < SmallestNormalFloat || Math.Abs((long)(BitConverter.DoubleToUInt64Bits(x) & 0x1FFF_FFFFUL) - 0x1000_0000L) <= margin)
        {
            return false;
        }

        var f = (float)x;
        value = negative ? -f : f;
        return float.IsFinite(f);
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiftWing.Core.Tensors;

/// <summary>
/// Writes a run of floats as JSON array elements ("v," each; null for a non-finite value), byte for byte as
/// <see cref="Utf8FloatFormatter"/> writes each. With AVX2 it takes four at a time: Schubfach's three scaled products,
/// the choice among its candidates and the conversion of the nine digits to bytes run in the four 64-bit lanes of one
/// vector (no data-dependent branch), and only the layout (where the point goes, how many digits) is per element.
/// Per element the scalar formatter cost ~200 instructions, most of them that arithmetic. Zero, subnormals, powers of two
/// and non-finite values go to the scalar formatter.
/// </summary>
internal static class Utf8FloatBatchFormatter
{
    /// <summary>The bytes per element the destination needs (the longest text and a comma).</summary>
    public const int MaxLengthPerElement = Utf8FloatFormatter.MaxLength + 1;

    /// <summary>
    /// Writes every value followed by a comma at <paramref name="destination"/>, which must have
    /// <c>values.Length * </c><see cref="MaxLengthPerElement"/><c> + </c><see cref="Utf8FloatFormatter.ScratchLength"/>
    /// writable bytes; returns the bytes written.
    /// </summary>
    public static int FormatJoined(ReadOnlySpan<float> values, ref byte destination)
    {
        var pos = 0;
        var i = 0;
        if (Avx2.IsSupported && values.Length >= 4)
        {
            pos = FormatFours(values, ref destination, out i);
        }

        for (; i < values.Length; i++)
        {
            pos += FormatOne(BitConverter.SingleToUInt32Bits(values[i]), ref Unsafe.Add(ref destination, pos));
        }

        return pos;
    }

    /// <summary>One element by the scalar formatter (out of line, so the vector loop keeps its registers).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int FormatOne(uint bits, ref byte d)
    {
        var value = BitConverter.UInt32BitsToSingle(bits);
        int length;
        if (float.IsFinite(value))
        {
            length = Utf8FloatFormatter.FormatUnchecked(value, ref d);
        }
        else
        {
            "null"u8.CopyTo(MemoryMarshal.CreateSpan(ref d, 4));
            length = 4;
        }

        Unsafe.Add(ref d, length) = (byte)',';
        return length + 1;
    }

    /// <summary>Whole groups of four; <paramref name="done"/> is how many values were written.</summary>
    private static int FormatFours(ReadOnlySpan<float> values, ref byte destination, out int done)
    {
        ref var source = ref Unsafe.As<float, uint>(ref MemoryMarshal.GetReference(values));
        ref var scales = ref MemoryMarshal.GetArrayDataReference(SchubfachDigits.ScaleByExponent);
        ref var shifts = ref MemoryMarshal.GetArrayDataReference(SchubfachDigits.ShiftByExponent);
        ref var powers = ref MemoryMarshal.GetArrayDataReference(SchubfachDigits.PowerOf10ByExponent);
        var lows = default(Four);
        var metas = default(Four);
        ref var low = ref lows[0];
        ref var meta = ref metas[0];
        var pos = 0;
        var i = 0;
        for (; i <= values.Length - 4; i += 4)
        {
            ref var b = ref Unsafe.Add(ref source, i);
            var bits = Avx2.ConvertToVector256Int64(Vector128.LoadUnsafe(ref b)).AsUInt64();
            var e0 = (b >> 23) & 0xFF;
            var e1 = (Unsafe.Add(ref b, 1) >> 23) & 0xFF;
            var e2 = (Unsafe.Add(ref b, 2) >> 23) & 0xFF;
            var e3 = (Unsafe.Add(ref b, 3) >> 23) & 0xFF;
            var g = Vector256.Create(Unsafe.Add(ref scales, e0), Unsafe.Add(ref scales, e1), Unsafe.Add(ref scales, e2), Unsafe.Add(ref scales, e3));
            var h = Vector256.Create(Unsafe.Add(ref shifts, e0), Unsafe.Add(ref shifts, e1), Unsafe.Add(ref shifts, e2), Unsafe.Add(ref shifts, e3));
            var special = Digits(bits, g, h, out var digitBytes, out var topAndCount);
            digitBytes.StoreUnsafe(ref low);
            topAndCount.StoreUnsafe(ref meta);

            ref var d = ref Unsafe.Add(ref destination, pos);
            pos += Emit(b, special & 1, low, meta, Unsafe.Add(ref powers, e0), ref d);
            d = ref Unsafe.Add(ref destination, pos);
            pos += Emit(Unsafe.Add(ref b, 1), special & 2, Unsafe.Add(ref low, 1), Unsafe.Add(ref meta, 1), Unsafe.Add(ref powers, e1), ref d);
            d = ref Unsafe.Add(ref destination, pos);
            pos += Emit(Unsafe.Add(ref b, 2), special & 4, Unsafe.Add(ref low, 2), Unsafe.Add(ref meta, 2), Unsafe.Add(ref powers, e2), ref d);
            d = ref Unsafe.Add(ref destination, pos);
            pos += Emit(Unsafe.Add(ref b, 3), special & 8, Unsafe.Add(ref low, 3), Unsafe.Add(ref meta, 3), Unsafe.Add(ref powers, e3), ref d);
        }

        done = i;
        return pos;
    }

    /// <summary>One element's text and comma from its lane's results.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Emit(uint bits, int special, ulong low, ulong meta, int k, ref byte d)
    {
        if (special != 0)
        {
            return FormatOne(bits, ref d);
        }

        var sign = (int)(bits >> 31);
        d = (byte)'-';
        var length = sign + Utf8FloatFormatter.Layout((uint)meta & 0xFF, low, k + (int)(meta >> 8), ref Unsafe.Add(ref d, sign));
        Unsafe.Add(ref d, length) = (byte)',';
        return length + 1;
    }

    /// <summary>
    /// Schubfach (as <see cref="SchubfachDigits.TryShortest"/>) in four lanes, then the chosen digits scaled to exactly
    /// nine and split into the first digit and the other eight as byte values (as <see cref="Utf8FloatFormatter.Digits8"/>).
    /// Returns a bit per lane that the scalar formatter must take instead (zero, subnormal, power of two, infinity, NaN).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digits(Vector256<ulong> bits, Vector256<ulong> g, Vector256<ulong> h, out Vector256<ulong> digitBytes, out Vector256<ulong> topAndCount)
    {
        var one = Vector256<ulong>.One;
        var ten = Vector256.Create(10UL);
        var mantissa = bits & Vector256.Create(0x7F_FFFFUL);
        var exponentField = (bits >> 23) & Vector256.Create(0xFFUL);
        var special = Vector256.Equals(exponentField, Vector256<ulong>.Zero) | Vector256.Equals(exponentField, Vector256.Create(0xFFUL))
            | Vector256.Equals(mantissa, Vector256<ulong>.Zero);

        // The value and its interval's bounds in quarter units, scaled by 10^-k (see RoundToOdd for the shifts).
        var c = mantissa | Vector256.Create(0x80_0000UL);
        var cb = c << 2;
        var gHigh = g >> 32;
        var right = Vector256.Create(63UL) - h;
        var left = h + one;
        var lowRight = Vector256.Create(64UL) - h;
        var vb = RoundToOdd(g, gHigh, cb, right, left, lowRight);
        var vbr = RoundToOdd(g, gHigh, cb + Vector256.Create(2UL), right, left, lowRight);
        var vbl = RoundToOdd(g, gHigh, cb - Vector256.Create(2UL), right, left, lowRight);

        // The candidates and the choice among them, as TryShortest makes it, by masks (all ones for true).
        var open = c & one;
        var s = vb >> 2;
        var s10 = Avx2.Multiply(s.AsUInt32(), Vector256.Create(0xCCCC_CCCDu)) >> 35;
        var shorter = (s10 << 3) + (s10 << 1);
        var belowIn = ~Vector256.GreaterThan((vbl + open).AsInt64(), (shorter << 2).AsInt64()).AsUInt64();
        var aboveIn = ~Vector256.GreaterThan((((shorter + ten) << 2) + open).AsInt64(), vbr.AsInt64()).AsUInt64();
        var shorterDigits = shorter + (~belowIn & ten);
        var t = s + one;
        var sIn = ~Vector256.GreaterThan((vbl + open).AsInt64(), (s << 2).AsInt64()).AsUInt64();
        var tIn = ~Vector256.GreaterThan(((t << 2) + open).AsInt64(), vbr.AsInt64()).AsUInt64();
        var distance = (vb - ((s + t) << 1)).AsInt64();
        var closerS = (Vector256.LessThan(distance, Vector256<long>.Zero)
            | (Vector256.Equals(distance, Vector256<long>.Zero) & Vector256.Equals((s & one).AsInt64(), Vector256<long>.Zero))).AsUInt64();
        var integerDigits = t + (sIn & (~tIn | closerS));
        var digits = Vector256.ConditionalSelect(belowIn ^ aboveIn, shorterDigits, integerDigits);

        // 7–9 digits for a normal float that is not a power of two: scaled to nine, the count kept for the layout.
        var atLeast8 = Vector256.GreaterThan(digits.AsInt64(), Vector256.Create(9_999_999L)).AsUInt64();
        var atLeast9 = Vector256.GreaterThan(digits.AsInt64(), Vector256.Create(99_999_999L)).AsUInt64();
        var multiplier = Vector256.ConditionalSelect(atLeast9, one, Vector256.ConditionalSelect(atLeast8, ten, Vector256.Create(100UL)));
        var nine = Avx2.Multiply(digits.AsUInt32(), multiplier.AsUInt32());
        var count = Vector256.Create(7UL) - atLeast8 - atLeast9;

        // First digit (n / 10^8 as n·0x55E63B89 ≫ 57), then eight digits in halves, quarters and single digits as in
        // Digits8, here in 32- and 16-bit lanes.
        var top = Avx2.Multiply(nine.AsUInt32(), Vector256.Create(0x55E6_3B89u)) >> 57;
        var rest = nine - Avx2.Multiply(top.AsUInt32(), Vector256.Create(100_000_000u));
        var high = Avx2.Multiply(rest.AsUInt32(), Vector256.Create(0xD1B7_1759u)) >> 45;
        var halves = (high | ((rest - Avx2.Multiply(high.AsUInt32(), Vector256.Create(10_000u))) << 32)).AsUInt32();
        var hundreds = Avx2.MultiplyLow(halves, Vector256.Create(10486u)) >> 20;
        var quarters = (hundreds | ((halves - Avx2.MultiplyLow(hundreds, Vector256.Create(100u))) << 16)).AsUInt16();
        var tens = Avx2.MultiplyLow(quarters, Vector256.Create((ushort)103)) >> 10;
        digitBytes = (tens | ((quarters - Avx2.MultiplyLow(tens, Vector256.Create((ushort)10))) << 8)).AsUInt64();
        topAndCount = top | (count << 8);
        return (int)Avx.MoveMask(special.AsDouble());
    }

    /// <summary>
    /// The four lanes of <see cref="SchubfachDigits"/>' RoundToOdd(g, cp &lt;&lt; h) without a 64×64-bit product: with
    /// cp &lt; 2^26, g·cp = (g_high·cp)·2^32 + g_low·cp is two 32×32-bit products. The result is g·cp·2^h ≫ 95 with
    /// the low bit set when any of the bits from 64 − h up to it is (h in 32–35).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> RoundToOdd(Vector256<ulong> g, Vector256<ulong> gHigh, Vector256<ulong> cp, Vector256<ulong> right, Vector256<ulong> left, Vector256<ulong> lowRight)
    {
        var byLow = Avx2.Multiply(g.AsUInt32(), cp.AsUInt32());
        var above32 = Avx2.Multiply(gHigh.AsUInt32(), cp.AsUInt32()) + (byLow >> 32);
        var sticky = Avx2.ShiftLeftLogicalVariable(above32, left)
            | Avx2.ShiftRightLogicalVariable(byLow & Vector256.Create(0xFFFF_FFFFUL), lowRight);
        return Avx2.ShiftRightLogicalVariable(above32, right) | (~Vector256.Equals(sticky, Vector256<ulong>.Zero) & Vector256<ulong>.One);
    }

    /// <summary>Four lanes' results, handed from the vector registers to the layout.</summary>
    [InlineArray(4)]
    private struct Four
    {
        private ulong _element;
    }
}

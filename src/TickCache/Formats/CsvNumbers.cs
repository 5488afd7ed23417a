using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace TickCache.Formats;

/// <summary>
/// Span parsers for CSV cells. Doubles take an exact fast path (≤ 2^53 significand, ≤ 22 fraction digits: one correctly
/// rounded IEEE division, the same result as <see cref="double.Parse(string)"/>) and fall back to the BCL otherwise.
/// </summary>
internal static class CsvNumbers
{
    private static readonly double[] PowersOf10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses a non-negative or negative integer; false when empty, not an integer, or out of range.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> cell, out long value)
    {
        if (cell.Length is > 0 and <= 18)
        {
            long result = 0;
            foreach (var c in cell)
            {
                var digit = (uint)(c - '0');
                if (digit > 9)
                {
                    return Utf8Parser.TryParse(cell, out value, out var used) && used == cell.Length;
                }

                result = (result * 10) + digit;
            }

            value = result;
            return true;
        }

        return Utf8Parser.TryParse(cell, out value, out var consumed) && consumed == cell.Length && cell.Length > 0;
    }

    /// <summary>
    /// Parses an id as int64 only when its text is canonical (digits, no sign, no leading zero except "0"), so that
    /// formatting the number gives back exactly the original text.
    /// </summary>
    public static bool TryParseCanonicalId(ReadOnlySpan<byte> cell, out long value)
    {
        value = 0;
        if (cell.IsEmpty || cell.Length > 18 || (cell[0] == '0' && cell.Length > 1))
        {
            return false;
        }

        foreach (var c in cell)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    /// <summary>Parses a decimal number; an empty cell is <see cref="double.NaN"/> (missing). False when unparsable.</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> cell, out double value) =>
        TryParseDoubleCell(cell, out value, out var length) && length == cell.Length;

    /// <summary>
    /// Parses the decimal number at the start of <paramref name="text"/> up to the next ',' (or the end) in one pass;
    /// <paramref name="cellLength"/> is the cell's length without the comma. An empty cell is NaN. Plain decimals take
    /// an exact fast path (a vector one when 24 bytes are readable); anything else goes to the BCL parser.
    /// </summary>
    public static bool TryParseDoubleCell(ReadOnlySpan<byte> text, out double value, out int cellLength)
    {
        if (text.Length >= 24 && TryParseShortDecimal(text, out value, out cellLength))
        {
            return true;
        }

        var i = 0;
        var negative = !text.IsEmpty && text[0] == '-';
        if (negative)
        {
            i = 1;
        }

        ulong significand = 0;
        var significantDigits = 0;
        var fractionDigits = -1;
        var sawDigit = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            var digit = (uint)(c - '0');
            if (digit <= 9)
            {
                sawDigit = true;
                if ((significand != 0 || digit != 0) && ++significantDigits > 19)
                {
                    return SlowCell(text, out value, out cellLength);
                }

                significand = (significand * 10) + digit;
                fractionDigits += fractionDigits >= 0 ? 1 : 0;
            }
            else if (c == '.' && fractionDigits < 0)
            {
                fractionDigits = 0;
            }
            else if (c == ',')
            {
                break;
            }
            else
            {
                return SlowCell(text, out value, out cellLength);
            }
        }

        cellLength = i;
        var scale = Math.Max(fractionDigits, 0);
        if (!sawDigit || significand > (1UL << 53) || scale > 22)
        {
            return Slow(text[..i], out value);
        }

        value = significand / PowersOf10[scale];
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>
    /// The vector fast path: one 16-byte load finds the comma and the dot and checks every other byte is a digit;
    /// each side of the dot (1..8 digits) becomes an integer with the 8-digit SWAR multiply. Only unsigned plain
    /// decimals of at most 15 digits take it, so the result is one correctly rounded division (exact like the BCL).
    /// Anything else returns false and the scalar path decides. Needs 24 readable bytes.
    /// </summary>
    private static bool TryParseShortDecimal(ReadOnlySpan<byte> text, out double value, out int cellLength)
    {
        value = 0;
        cellLength = 0;
        var bytes = Vector128.Create(text[..16]);
        var commas = Vector128.Equals(bytes, Vector128.Create((byte)',')).ExtractMostSignificantBits();
        if (commas == 0)
        {
            return false;
        }

        var end = BitOperations.TrailingZeroCount(commas);
        var cell = (1u << end) - 1;
        var dots = Vector128.Equals(bytes, Vector128.Create((byte)'.')).ExtractMostSignificantBits() & cell;
        var digits = Vector128.LessThanOrEqual(bytes - Vector128.Create((byte)'0'), Vector128.Create((byte)9)).ExtractMostSignificantBits() & cell;
        if ((digits | dots) != cell || BitOperations.PopCount(dots) > 1 || end == 0)
        {
            return false;
        }

        var dot = dots == 0 ? end : BitOperations.TrailingZeroCount(dots);
        var whole = dot;
        var fraction = dots == 0 ? 0 : end - dot - 1;
        if (whole is 0 or > 8 || fraction > 8 || (dots != 0 && fraction == 0) || whole + fraction > 15)
        {
            return false;
        }

        var significand = Digits(text, 0, whole);
        if (fraction > 0)
        {
            significand = (significand * (ulong)PowersOf10[fraction]) + Digits(text, dot + 1, fraction);
        }

        value = significand / PowersOf10[fraction];
        cellLength = end;
        return true;
    }

    /// <summary>The value of <paramref name="count"/> (1..8) ASCII digits at <paramref name="start"/> (8 bytes must be readable there).</summary>
    private static ulong Digits(ReadOnlySpan<byte> text, int start, int count)
    {
        var chunk = BinaryPrimitives.ReadUInt64LittleEndian(text.Slice(start, 8)) << (8 * (8 - count));
        chunk = ((chunk & 0x0F0F0F0F0F0F0F0F) * 2561) >> 8;
        chunk = ((chunk & 0x00FF00FF00FF00FF) * 6553601) >> 16;
        return ((chunk & 0x0000FFFF0000FFFF) * 42949672960001) >> 32;
    }

    private static bool SlowCell(ReadOnlySpan<byte> text, out double value, out int cellLength)
    {
        var comma = text.IndexOf((byte)',');
        cellLength = comma < 0 ? text.Length : comma;
        return Slow(text[..cellLength], out value);
    }

    /// <summary>The BCL parse of one cell; an empty cell is NaN (missing).</summary>
    private static bool Slow(ReadOnlySpan<byte> cell, out double value)
    {
        if (cell.IsEmpty)
        {
            value = double.NaN;
            return true;
        }

        return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}

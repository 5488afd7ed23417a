namespace TickCache.Formats;

/// <summary>Line splitting shared by the CSV decoders: LF-terminated lines of a block, the trailing CR of a CRLF line removed, a leading byte order mark dropped.</summary>
internal static class CsvLines
{
    /// <summary>
    /// The next complete line of <paramref name="data"/> after <paramref name="consumed"/> bytes, without its LF (and a
    /// CR before it); advances <paramref name="consumed"/> past the LF. False when no LF follows (the rest is a partial line).
    /// </summary>
    public static bool TryTake(ReadOnlySpan<byte> data, ref int consumed, out ReadOnlySpan<byte> line)
    {
        var newline = data[consumed..].IndexOf((byte)'\n');
        if (newline < 0)
        {
            line = default;
            return false;
        }

        line = WithoutCr(data.Slice(consumed, newline));
        consumed += newline + 1;
        return true;
    }

    /// <summary>A first line without the UTF-8 byte order mark some tools write (EF BB BF); other lines as they are.</summary>
    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> line) => line.StartsWith("\uFEFF"u8) ? line[3..] : line;

    /// <summary>The line without a trailing CR.</summary>
    public static ReadOnlySpan<byte> WithoutCr(ReadOnlySpan<byte> line) => !line.IsEmpty && line[^1] == '\r' ? line[..^1] : line;
}

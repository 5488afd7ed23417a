namespace TickCache.Formats;

/// <summary>
/// The CSV decoders' one rule for empty lines: they may end a file (editors and scripts often leave a blank line at
/// the end; it holds no row), never sit between rows (there they mean a damaged file). A decoder asks
/// <see cref="Skip"/> for every line after the header; not thread-safe (one per decode).
/// </summary>
internal struct CsvBlankLines
{
    private long _first;

    /// <summary>
    /// True when <paramref name="line"/> (CR already removed) is empty: the decoder skips it. False for a row; then
    /// <paramref name="blankBefore"/> is the number of the first empty line before it (0: none), which the decoder
    /// reports as the file's error.
    /// </summary>
    public bool Skip(ReadOnlySpan<byte> line, long number, out long blankBefore)
    {
        if (line.IsEmpty)
        {
            if (_first == 0)
            {
                _first = number;
            }

            blankBefore = 0;
            return true;
        }

        blankBefore = _first;
        return false;
    }
}

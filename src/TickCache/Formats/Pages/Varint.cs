namespace TickCache.Formats.Pages;

/// <summary>ULEB128 varints and zigzag integers as Parquet's encodings use them (bounds-checked: malformed input throws <see cref="InvalidDataException"/>).</summary>
internal static class Varint
{
    public static ulong Read(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length)
            {
                throw new InvalidDataException("A varint runs past the end of its page.");
            }

            var b = bytes[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("A varint is longer than 10 bytes.");
    }

    public static long Zigzag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}

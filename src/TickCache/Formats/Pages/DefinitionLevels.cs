using System.Runtime.CompilerServices;
namespace TickCache.Formats.Pages;

/// <summary>
/// The definition levels of a flat optional column in a Parquet data page v1: a 4-byte little-endian length, then the
/// RLE / bit-packed hybrid encoding at bit width 1 (parquet-format Encodings.md): runs of one repeated level, or groups
/// of 8 bit-packed levels. Level 1 = a value is present, 0 = null. Malformed input throws
/// <see cref="InvalidDataException"/>. Thread-safe.
/// </summary>
internal static class DefinitionLevels
{
    /// <summary>Decodes exactly <paramref name="levels"/>.Length levels; returns the bytes used (with the length prefix) and how many are 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: skip the unoptimized first tier
    public static (int Used, int Present) Decode(ReadOnlySpan<byte> page, Span<byte> levels)
    {
        if (page.Length < 4)
        {
            throw new InvalidDataException("A page ends before its definition levels.");
        }

        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(page);
        if (length < 0 || length > page.Length - 4)
        {
            throw new InvalidDataException($"A page's definition levels claim {length} bytes.");
        }

        var encoded = page.Slice(4, length);
        var position = 0;
        var done = 0;
        var present = 0;
        while (done < levels.Length)
        {
            var header = Varint.Read(encoded, ref position);
            var count = header >> 1;
            if ((header & 1) == 0)
            {
                // RLE run: the level in one byte (bit width 1 rounds up to a byte).
                if (count == 0 || count > (ulong)(levels.Length - done) || position >= encoded.Length || encoded[position] > 1)
                {
                    throw new InvalidDataException("A run of definition levels is malformed.");
                }

                var level = encoded[position++];
                levels.Slice(done, (int)count).Fill(level);
                present += level * (int)count;
                done += (int)count;
            }
            else
            {
                // Bit-packed: count groups of 8 levels, one byte each; the last group may hold padding past the page's values.
                if (count == 0 || count > (ulong)(encoded.Length - position))
                {
                    throw new InvalidDataException("A bit-packed run of definition levels is malformed.");
                }

                for (var g = 0; g < (int)count && done < levels.Length; g++)
                {
                    var bits = encoded[position + g];
                    for (var b = 0; b < 8 && done < levels.Length; b++)
                    {
                        var level = (byte)((bits >> b) & 1);
                        levels[done++] = level;
                        present += level;
                    }
                }

                position += (int)count;
            }
        }

        return (4 + length, present);
    }
}

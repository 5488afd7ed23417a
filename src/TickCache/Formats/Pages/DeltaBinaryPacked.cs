using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace TickCache.Formats.Pages;

/// <summary>
/// Parquet's DELTA_BINARY_PACKED encoding of INT64 values, decoded (parquet-format Encodings.md): a header (block size,
/// miniblocks per block, value count, zigzag first value), then per block a zigzag minimum delta, one bit width per
/// miniblock and the miniblocks' bit-packed deltas (little-endian bit order). Arithmetic wraps, as the encoding
/// defines. Malformed input throws <see cref="InvalidDataException"/>, never reads outside the span. Thread-safe.
/// </summary>
internal static class DeltaBinaryPacked
{
    /// <summary>Largest block accepted (Parquet.Net and Arrow write 128): keeps the miniblock scratch small enough for the stack.</summary>
    private const int MaxBlockSize = 4096;

    /// <summary>Decodes exactly <paramref name="output"/>.Length values from the start of <paramref name="encoded"/>; returns the bytes used.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: skip the unoptimized first tier
    public static int Decode(ReadOnlySpan<byte> encoded, Span<long> output)
    {
        var position = 0;
        var blockSize = Count(Varint.Read(encoded, ref position));
        var miniblocks = Count(Varint.Read(encoded, ref position));
        var total = Count(Varint.Read(encoded, ref position));
        if (blockSize == 0 || blockSize % 128 != 0 || blockSize > MaxBlockSize || miniblocks == 0 || blockSize % miniblocks != 0 || (blockSize / miniblocks) % 32 != 0)
        {
            throw new InvalidDataException($"A DELTA_BINARY_PACKED header has block size {blockSize} with {miniblocks} miniblocks.");
        }

        if (total != output.Length)
        {
            throw new InvalidDataException($"A DELTA_BINARY_PACKED page holds {total} values, expected {output.Length}.");
        }

        if (total == 0)
        {
            return position;
        }

        var perMiniblock = blockSize / miniblocks;
        var value = Varint.Zigzag(Varint.Read(encoded, ref position));
        output[0] = value;
        var done = 1;
        Span<byte> scratch = stackalloc byte[(perMiniblock * 64 / 8) + 16];
        while (done < total)
        {
            var minDelta = Varint.Zigzag(Varint.Read(encoded, ref position));
            var widths = Take(encoded, ref position, miniblocks);
            for (var m = 0; m < miniblocks && done < total; m++)
            {
                var width = widths[m];
                if (width > 64)
                {
                    throw new InvalidDataException($"A DELTA_BINARY_PACKED miniblock has bit width {width}.");
                }

                var start = position;
                var body = Take(encoded, ref position, perMiniblock * width / 8);
                var n = Math.Min(perMiniblock, total - done);
                // Unpack reads up to 16 bytes past the body; the page's following bytes serve (masked off) where it has
                // them, else a zero-padded copy (the page's last miniblocks).
                if (encoded.Length - start >= body.Length + 16)
                {
                    Unpack(encoded.Slice(start, body.Length + 16), width, minDelta, ref value, output.Slice(done, n));
                }
                else
                {
                    body.CopyTo(scratch);
                    scratch.Slice(body.Length, 16).Clear();
                    Unpack(scratch, width, minDelta, ref value, output.Slice(done, n));
                }

                done += n;
            }
        }

        return position;
    }

    /// <summary>value += minDelta + delta, for each <paramref name="width"/>-bit delta of <paramref name="packed"/> (followed by 16 readable bytes: zeros or the page's next bytes, masked off).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: skip the unoptimized first tier
    private static void Unpack(ReadOnlySpan<byte> packed, int width, long minDelta, ref long value, Span<long> output)
    {
        if (width == 0)
        {
            for (var j = 0; j < output.Length; j++)
            {
                value = unchecked(value + minDelta);
                output[j] = value;
            }

            return;
        }

        var mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        long bit = 0;
        for (var j = 0; j < output.Length; j++, bit += width)
        {
            var index = (int)(bit >> 3);
            var shift = (int)(bit & 7);
            var word = BinaryPrimitives.ReadUInt64LittleEndian(packed[index..]) >> shift;
            if (shift + width > 64)
            {
                word |= (ulong)packed[index + 8] << (64 - shift);
            }

            value = unchecked(value + minDelta + (long)(word & mask));
            output[j] = value;
        }
    }

    private static int Count(ulong value) =>
        value <= int.MaxValue ? (int)value : throw new InvalidDataException($"A DELTA_BINARY_PACKED header holds the count {value}.");

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> bytes, ref int position, int length)
    {
        if (length < 0 || length > bytes.Length - position)
        {
            throw new InvalidDataException("A DELTA_BINARY_PACKED page ends early.");
        }

        var slice = bytes.Slice(position, length);
        position += length;
        return slice;
    }
}

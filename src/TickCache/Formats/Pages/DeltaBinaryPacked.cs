using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    /// <summary>Widest delta the unrolled unpack takes: with a shift of up to 7 bits it still lies in one 8-byte read.</summary>
    private const int MaxUnrolledWidth = 56;

    /// <summary>Decodes exactly <paramref name="output"/>.Length values from the start of <paramref name="encoded"/>; returns the bytes used.</summary>
    public static int Decode(ReadOnlySpan<byte> encoded, Span<long> output)
    {
        var sink = new Int64Sink(output);
        return Decode(encoded, output.Length, ref sink);
    }

    /// <summary>
    /// Decodes exactly <paramref name="output"/>.Length values, each of which must be a byte (enum codes written as
    /// INT32), through a miniblock-sized scratch; returns the bytes used.
    /// </summary>
    /// <exception cref="InvalidDataException">The page is malformed or a value is outside 0..255.</exception>
    public static int Decode(ReadOnlySpan<byte> encoded, Span<byte> output)
    {
        var sink = new ByteSink(output, stackalloc long[128]);
        return Decode(encoded, output.Length, ref sink);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: skip the unoptimized first tier
    private static int Decode<TSink>(ReadOnlySpan<byte> encoded, int expected, ref TSink sink)
        where TSink : IDeltaSink, allows ref struct
    {
        var position = 0;
        var blockSize = Count(Varint.Read(encoded, ref position));
        var miniblocks = Count(Varint.Read(encoded, ref position));
        var total = Count(Varint.Read(encoded, ref position));
        if (blockSize == 0 || blockSize % 128 != 0 || blockSize > MaxBlockSize || miniblocks == 0 || blockSize % miniblocks != 0 || (blockSize / miniblocks) % 32 != 0)
        {
            throw new InvalidDataException($"A DELTA_BINARY_PACKED header has block size {blockSize} with {miniblocks} miniblocks.");
        }

        if (total != expected)
        {
            throw new InvalidDataException($"A DELTA_BINARY_PACKED page holds {total} values, expected {expected}.");
        }

        if (total == 0)
        {
            return position;
        }

        var perMiniblock = blockSize / miniblocks;
        var value = Varint.Zigzag(Varint.Read(encoded, ref position));
        sink.Target(0, 1)[0] = value;
        sink.Commit(0, 1);
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
                    Unpack(encoded.Slice(start, body.Length + 16), width, minDelta, ref value, sink.Target(done, n));
                }
                else
                {
                    body.CopyTo(scratch);
                    scratch.Slice(body.Length, 16).Clear();
                    Unpack(scratch, width, minDelta, ref value, sink.Target(done, n));
                }

                sink.Commit(done, n);
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
            foreach (ref var slot in output)
            {
                slot = value = unchecked(value + minDelta);
            }

            return;
        }

        var mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        var j = width <= MaxUnrolledWidth ? UnpackEights(packed, width, mask, minDelta, ref value, output) : 0;
        long bit = (long)j * width;
        for (; j < output.Length; j++, bit += width)
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

    /// <summary>
    /// The whole groups of 8 values (8 deltas take exactly <paramref name="width"/> bytes), each delta one unaligned
    /// 8-byte read at a byte offset and shift fixed per position in the group; returns the values done. Needs
    /// width ≤ <see cref="MaxUnrolledWidth"/> (a delta then lies inside the 8 bytes read) and the group's bytes plus 8
    /// readable (checked once, here: the reads below are unchecked).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: skip the unoptimized first tier
    private static int UnpackEights(ReadOnlySpan<byte> packed, int width, ulong mask, long minDelta, ref long value, Span<long> output)
    {
        var groups = output.Length / 8;
        if (groups == 0 || packed.Length < (groups * width) + 8)
        {
            return 0;
        }

        ref var source = ref MemoryMarshal.GetReference(packed);
        ref var target = ref MemoryMarshal.GetReference(output);
        var (o1, o2, o3, o4, o5, o6, o7) = (width >> 3, (2 * width) >> 3, (3 * width) >> 3, (4 * width) >> 3, (5 * width) >> 3, (6 * width) >> 3, (7 * width) >> 3);
        var (s1, s2, s3, s4, s5, s6, s7) = (width & 7, (2 * width) & 7, (3 * width) & 7, (4 * width) & 7, (5 * width) & 7, (6 * width) & 7, (7 * width) & 7);
        var v = value;
        for (var g = 0; g < groups; g++)
        {
            ref var group = ref Unsafe.Add(ref source, g * width);
            ref var into = ref Unsafe.Add(ref target, g * 8);
            unchecked
            {
                into = v += minDelta + (long)(Unsafe.ReadUnaligned<ulong>(ref group) & mask);
                Unsafe.Add(ref into, 1) = v += minDelta + (long)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref group, o1)) >> s1) & mask);
                Unsafe.Add(ref into, 2) = v += minDelta + (long)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref group, o2)) >> s2) & mask);
                Unsafe.Add(ref into, 3) = v += minDelta + (long)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref group, o3)) >> s3) & mask);
                Unsafe.Add(ref into, 4) = v += minDelta + (long)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref group, o4)) >> s4) & mask);
                Unsafe.Add(ref into, 5) = v += minDelta + (long)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref group, o5)) >> s5) & mask);
                Unsafe.Add(ref into, 6) = v += minDelta + (long)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref group, o6)) >> s6) & mask);
                Unsafe.Add(ref into, 7) = v += minDelta + (long)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref group, o7)) >> s7) & mask);
            }
        }

        value = v;
        return groups * 8;
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

    /// <summary>Where decoded values go: <see cref="Target"/> gives room for values [done, done + n), <see cref="Commit"/> says they are in it.</summary>
    private interface IDeltaSink
    {
        Span<long> Target(int done, int n);

        void Commit(int done, int n);
    }

    /// <summary>Straight into the int64 output.</summary>
    private readonly ref struct Int64Sink(Span<long> output) : IDeltaSink
    {
        private readonly Span<long> _output = output;

        public Span<long> Target(int done, int n) => _output.Slice(done, n);

        public void Commit(int done, int n)
        {
        }
    }

    /// <summary>Into a scratch (the stack's, or a miniblock-sized array when the blocks are unusually large), then each value checked and narrowed to a byte.</summary>
    private ref struct ByteSink(Span<byte> output, Span<long> scratch) : IDeltaSink
    {
        private readonly Span<byte> _output = output;
        private Span<long> _scratch = scratch;

        public Span<long> Target(int done, int n)
        {
            if (n > _scratch.Length)
            {
                _scratch = new long[n];
            }

            return _scratch[..n];
        }

        public readonly void Commit(int done, int n) => EnumCodes.Narrow<long>(_scratch[..n], _output.Slice(done, n));
    }
}

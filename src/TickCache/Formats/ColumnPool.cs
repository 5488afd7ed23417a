using System.Buffers;

namespace TickCache.Formats;

/// <summary>
/// The one place decoded column arrays are rented from and returned to: one <see cref="ArrayPool{T}.Create(int, int)"/>
/// pool per element type that keeps at most <see cref="ArraysPerSizeClass"/> arrays of each power-of-two size class.
/// A warm stream decodes each day into the arrays the day before gave back, so it faults in no new pages and leaves the
/// GC no ~80 MB of fresh garbage per day. Not <see cref="ArrayPool{T}.Shared"/>: it keeps up to ~9 arrays per size
/// class per core, i.e. hundreds of MB of 16 MB column arrays nobody may rent again (measured: a 768 MiB heap cap ran
/// out of memory on a cold stream). Arrays longer than <see cref="MaxPooledLength"/> elements are not pooled. Rented
/// arrays are longer than asked for and hold stale values: the reader fills every row it uses. Thread-safe.
/// </summary>
internal static class ColumnPool
{
    /// <summary>Arrays kept per element type and size class: about a day and a half of a 2 M-trade chunk's columns.</summary>
    public const int ArraysPerSizeClass = 4;

    /// <summary>The largest pooled array, in elements (2^26: 512 MB of int64).</summary>
    public const int MaxPooledLength = 1 << 26;

    /// <summary>
    /// When true, returned arrays are overwritten with a fixed junk pattern first, so that any read of a batch after
    /// its lifetime sees obviously wrong values instead of plausible ones. Set by the test suite; off in production.
    /// </summary>
    public static bool PoisonOnReturn { get; set; }

    public static T[] Rent<T>(int length) => Pool<T>.Instance.Rent(Math.Max(length, 1));

    public static void Return(Array array)
    {
        switch (array)
        {
            case long[] longs:
                ReturnTyped(longs, long.MinValue + 0x5A5A);
                break;
            case double[] doubles:
                ReturnTyped(doubles, -1.2345e300);
                break;
            case byte[] bytes:
                ReturnTyped(bytes, (byte)0xA5);
                break;
            case int[] ints:
                ReturnTyped(ints, int.MinValue + 0x5A);
                break;
            case bool[] bools:
                ReturnTyped(bools, true);
                break;
            default:
                throw new ArgumentException($"Column arrays of {array.GetType()} are not pooled.", nameof(array));
        }
    }

    private static void ReturnTyped<T>(T[] array, T junk)
    {
        if (PoisonOnReturn)
        {
            array.AsSpan().Fill(junk);
        }

        Pool<T>.Instance.Return(array);
    }

    private static class Pool<T>
    {
        public static readonly ArrayPool<T> Instance = ArrayPool<T>.Create(MaxPooledLength, ArraysPerSizeClass);
    }
}

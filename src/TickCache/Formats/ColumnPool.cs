using System.Buffers;

namespace TickCache.Formats;

/// <summary>
/// The one place decoded column arrays are rented from and returned to: <see cref="ArrayPool{T}.Shared"/> (it keeps a
/// few arrays per size class per core and lets the GC trim them under memory pressure). A warm stream decodes each day
/// into the arrays the day before gave back, so it faults in no new pages and leaves the GC no ~80 MB of fresh
/// garbage per day. Rented arrays are longer than asked for (sizes round up to a power of two) and hold stale values:
/// the reader fills every row it uses. Thread-safe.
/// </summary>
internal static class ColumnPool
{
    /// <summary>
    /// When true, returned arrays are overwritten with a fixed junk pattern first, so that any read of a batch after
    /// its lifetime sees obviously wrong values instead of plausible ones. Set by the test suite; off in production.
    /// </summary>
    public static bool PoisonOnReturn { get; set; }

    public static T[] Rent<T>(int length) => ArrayPool<T>.Shared.Rent(Math.Max(length, 1));

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

        ArrayPool<T>.Shared.Return(array);
    }
}

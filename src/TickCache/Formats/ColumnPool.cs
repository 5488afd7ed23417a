using System.Buffers;

namespace TickCache.Formats;

/// <summary>
/// The one place decoded column arrays (and the large byte buffers around them: encoded files, page buffers) are
/// rented from and returned to. Size classes are quarter steps between powers
/// of two (…, 1, 1.25, 1.5, 1.75, 2, 2.5, … × 2^k elements), so a rented array is at most 25 % longer than asked for:
/// power-of-two classes made a 2 M-row day's columns up to twice its rows (a day just over 2^21 rows took 4 M-row
/// arrays, 153 MB instead of 86 MB, and the prefetch window, sized by decoded bytes, shrank to one chunk). At most
/// <see cref="ArraysPerSizeClass"/> arrays are kept per element type and class; a rent takes its own class or, when
/// that is empty, one of the next <see cref="LargerClassesTried"/> (days of slightly different length reuse each
/// other's arrays). A warm stream so decodes each day into the arrays the day before gave back: it faults in no new
/// pages and leaves the GC no ~80 MB of fresh garbage per day. Not <see cref="ArrayPool{T}.Shared"/>: it keeps up to
/// ~9 arrays per size class per core, i.e. hundreds of MB of 16 MB column arrays nobody may rent again (measured: a
/// 768 MiB heap cap ran out of memory on a cold stream). Arrays longer than <see cref="MaxPooledLength"/> elements are
/// not pooled. Rented arrays are longer than asked for and hold stale values: the reader fills every row it uses.
/// Thread-safe.
/// </summary>
internal static class ColumnPool
{
    /// <summary>Arrays kept per element type and size class: about a day and a half of a 2 M-trade chunk's columns.</summary>
    public const int ArraysPerSizeClass = 4;

    /// <summary>How many classes above its own a rent looks into before it allocates (two: up to ~60 % longer).</summary>
    public const int LargerClassesTried = 2;

    /// <summary>The largest pooled array, in elements (2^26: 512 MB of int64).</summary>
    public const int MaxPooledLength = 1 << 26;

    private const int SmallestClassLength = 16;

    /// <summary>
    /// When true, returned arrays are overwritten with a fixed junk pattern first, so that any read of a batch after
    /// its lifetime sees obviously wrong values instead of plausible ones. Set by the test suite; off in production.
    /// </summary>
    public static bool PoisonOnReturn { get; set; }

    /// <summary>An array of at least <paramref name="length"/> elements (its class's length), holding stale values.</summary>
    public static T[] Rent<T>(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return Pool<T>.Rent(length);
    }

    /// <summary>The length of the class an array of <paramref name="length"/> elements is rented from.</summary>
    public static int ClassLength(int length) => length <= MaxPooledLength ? ClassLengthOf(ClassOf(length)) : length;

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

        Pool<T>.Return(array);
    }

    /// <summary>The class of arrays of <paramref name="length"/> (≤ <see cref="MaxPooledLength"/>) elements: four per power of two.</summary>
    private static int ClassOf(int length)
    {
        if (length <= SmallestClassLength)
        {
            return 0;
        }

        var power = 31 - int.LeadingZeroCount(length - 1); // 2^power < length ≤ 2^(power + 1)
        var quarter = 1 << (power - 2);
        var steps = (length - (1 << power) + quarter - 1) / quarter; // 1..4 quarters above 2^power
        return ((power - 4) * 4) + steps;
    }

    private static int ClassLengthOf(int index)
    {
        if (index == 0)
        {
            return SmallestClassLength;
        }

        var power = ((index - 1) / 4) + 4;
        var steps = ((index - 1) % 4) + 1;
        return (1 << power) + (steps << (power - 2));
    }

    private static class Pool<T>
    {
        private static readonly Stack<T[]>[] Classes = [.. Enumerable.Range(0, ClassOf(MaxPooledLength) + 1).Select(_ => new Stack<T[]>(ArraysPerSizeClass))];

        public static T[] Rent(int length)
        {
            if (length > MaxPooledLength)
            {
                return GC.AllocateUninitializedArray<T>(length);
            }

            var own = ClassOf(length);
            for (var index = own; index <= Math.Min(own + LargerClassesTried, Classes.Length - 1); index++)
            {
                var stack = Classes[index];
                lock (stack)
                {
                    if (stack.TryPop(out var array))
                    {
                        return array;
                    }
                }
            }

            return GC.AllocateUninitializedArray<T>(ClassLengthOf(own));
        }

        public static void Return(T[] array)
        {
            if (array.Length > MaxPooledLength || ClassLength(array.Length) != array.Length)
            {
                return; // not one of ours: the GC takes it
            }

            var stack = Classes[ClassOf(array.Length)];
            lock (stack)
            {
                if (stack.Count < ArraysPerSizeClass)
                {
                    stack.Push(array);
                }
            }
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;

namespace TickCache.Formats.Pages;

/// <summary>The one narrowing of enum codes stored as INT32 (PLAIN or DELTA_BINARY_PACKED) to the in-memory bytes. Thread-safe.</summary>
internal static class EnumCodes
{
    /// <summary>
    /// Writes each code of <paramref name="codes"/> to <paramref name="into"/> as a byte: one tight loop, one range check
    /// for all of them (a checked narrowing per value cost 8 % of a warm read).
    /// </summary>
    /// <exception cref="InvalidDataException">A code is outside 0..255.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: skip the unoptimized first tier
    public static void Narrow<T>(ReadOnlySpan<T> codes, Span<byte> into)
        where T : unmanaged, IBinaryInteger<T>
    {
        into = into[..codes.Length];
        ulong any = 0;
        for (var i = 0; i < codes.Length; i++)
        {
            var code = codes[i];
            any |= ulong.CreateTruncating(code); // negative codes sign-extend: far above a byte
            into[i] = byte.CreateTruncating(code);
        }

        if (any > byte.MaxValue)
        {
            throw new InvalidDataException($"An enum code of {codes.ToArray().First(c => c < T.Zero || c > T.CreateTruncating(byte.MaxValue))} is not a byte.");
        }
    }
}

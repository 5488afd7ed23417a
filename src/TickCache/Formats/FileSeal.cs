using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using TickCache.Planning;

namespace TickCache.Formats;

/// <summary>
/// The whole-file hash of an L2/L3 chunk file: xxHash64 of every byte of the file — pages, footer and all — with the
/// 16 hex digits of its own value (the footer's <c>tickcache.file_hash</c> entry) read as <c>'0'</c>s. Verifying it
/// costs a pass over the stored bytes (a quarter of the decoded ones for trades), where the content hash over the
/// decoded columns costs a pass over those; files written before it exist carry only the content hash. Thread-safe.
/// </summary>
internal static class FileSeal
{
    /// <summary>The footer's key of the seal.</summary>
    public const string Key = "tickcache.file_hash";

    /// <summary>What the writer puts in the footer before the hash is known: as long as any value, so sealing moves no byte.</summary>
    public static readonly string Placeholder = new('0', 16);

    private static readonly byte[] KeyBytes = Encoding.UTF8.GetBytes(Key);

    private static readonly byte[] PlaceholderBytes = Encoding.ASCII.GetBytes(Placeholder);

    /// <summary>
    /// Writes the seal into <paramref name="footer"/> (the file's end: its Parquet footer with <see cref="Placeholder"/>
    /// as the seal's value, the footer length and the magic), <paramref name="head"/> holding the hash of every byte
    /// before it.
    /// </summary>
    /// <exception cref="InvalidDataException">The footer has no placeholder entry, or more than one.</exception>
    public static void Seal(XxHash head, Span<byte> footer)
    {
        var at = ValueAt(footer) ?? throw new InvalidDataException($"The footer has no single '{Key}' entry to seal.");
        head.Append(footer);
        var digest = head.Digest().ToString("x16", CultureInfo.InvariantCulture);
        Encoding.ASCII.GetBytes(digest, footer.Slice(at, 16));
    }

    /// <summary>Whether <paramref name="file"/> hashes to <paramref name="expected"/> (the footer's parsed seal) with the value's digits as zeros.</summary>
    public static bool Verify(ReadOnlySpan<byte> file, ulong expected)
    {
        if (file.Length < 12)
        {
            return false;
        }

        var footerStart = file.Length - 8 - (long)BinaryPrimitives.ReadInt32LittleEndian(file[^8..^4]);
        if (footerStart < 4 || footerStart > file.Length - 8 || ValueAt(file[(int)footerStart..]) is not { } relative)
        {
            return false;
        }

        var at = (int)footerStart + relative;
        var hash = new XxHash();
        hash.Append(file[..at]);
        hash.Append(PlaceholderBytes);
        hash.Append(file[(at + 16)..]);
        return hash.Digest() == expected;
    }

    /// <summary>Where the seal's 16 value bytes start: right after its key and the Thrift compact header of the value (field header, length 16).</summary>
    private static int? ValueAt(ReadOnlySpan<byte> footer)
    {
        var key = footer.IndexOf(KeyBytes);
        if (key < 0 || footer[(key + 1)..].IndexOf(KeyBytes) >= 0)
        {
            return null;
        }

        var at = key + KeyBytes.Length + 2; // the value's field header (one byte, delta 1, BINARY) and its varint length 16
        return at + 16 <= footer.Length && footer[at - 1] == 16 ? at : null;
    }
}

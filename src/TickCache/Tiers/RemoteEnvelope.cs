using System.Buffers.Binary;
using TickCache.Formats;
using TickCache.Planning;

namespace TickCache.Tiers;

/// <summary>
/// The L3 object of a chunk: a 32-byte header, then the chunk's L2 Parquet file byte for byte. Header, little-endian:
/// <c>"TCL3"</c>, envelope version (u32 = 1), xxHash64 of the chunk identity (<see cref="ChunkKey.Hash"/>), content length
/// (i64), xxHash64 of the content. The header lets a reader reject a foreign, torn or garbled object before reading or
/// parsing it; the Parquet footer then checks the chunk identity and the decoded columns again.
/// </summary>
internal static class RemoteEnvelope
{
    public const int HeaderLength = 32;
    private const uint Version = 1;

    private static ReadOnlySpan<byte> Magic => "TCL3"u8;

    /// <summary>Encodes <paramref name="columns"/> as the L2 file of <paramref name="key"/>, inside an envelope.</summary>
    /// <returns>The envelope in a pooled buffer, owned by the caller.</returns>
    public static async Task<PooledBytes> EncodeAsync(ChunkKey key, ChunkColumns columns, CancellationToken cancellationToken)
    {
        // The file is written from position 0 (its footer records absolute offsets) behind the reserved header.
        using var stream = new PooledWriteStream(HeaderLength);
        await ParquetChunkCodec.WriteAsync(stream, key, columns, ParquetLayout.Default, cancellationToken).ConfigureAwait(false);
        var header = stream.Reserved;
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Version);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], key.Hash);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], stream.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(header[24..], XxHash.Of(stream.Written));
        return stream.Detach();
    }

    /// <summary>The Parquet file inside an envelope.</summary>
    public static ReadOnlyMemory<byte> Content(PooledBytes envelope) => envelope.Memory[HeaderLength..];

    /// <summary>Checks a header read from L3 against the expected chunk; returns why it is not acceptable, or null.</summary>
    public static string? CheckHeader(ReadOnlySpan<byte> header, ChunkKey key, long maxBytes, out int length, out ulong contentHash)
    {
        length = 0;
        contentHash = 0;
        if (header.Length < HeaderLength)
        {
            return $"the object is {header.Length} bytes, shorter than its {HeaderLength}-byte header";
        }

        if (!header[..4].SequenceEqual(Magic) || BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != Version)
        {
            return "the object is not a TickCache envelope (wrong magic or version)";
        }

        var keyHash = BinaryPrimitives.ReadUInt64LittleEndian(header[8..]);
        if (keyHash != key.Hash)
        {
            return $"the object belongs to another chunk (key hash {keyHash:x16}, expected {key.HashHex})";
        }

        var declared = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
        if (declared <= 0 || declared > maxBytes - HeaderLength || declared > Array.MaxLength - HeaderLength)
        {
            return $"the header declares {declared} content bytes (limit {maxBytes - HeaderLength})";
        }

        length = (int)declared;
        contentHash = BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);
        return null;
    }
}

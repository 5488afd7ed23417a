using K4os.Compression.LZ4;

namespace TickCache.Formats.Pages;

/// <summary>The one place that calls K4os.Compression.LZ4: LZ4 block decode of an LZ4_RAW Parquet page. Thread-safe.</summary>
internal static class Lz4Block
{
    /// <summary>Decodes <paramref name="compressed"/> into exactly <paramref name="output"/>.</summary>
    /// <exception cref="InvalidDataException">The block is malformed or does not decode to exactly the expected size.</exception>
    public static void Decode(ReadOnlySpan<byte> compressed, Span<byte> output)
    {
        var written = LZ4Codec.Decode(compressed, output);
        if (written != output.Length)
        {
            throw new InvalidDataException($"An LZ4 page decoded to {written} bytes, its header says {output.Length}.");
        }
    }
}

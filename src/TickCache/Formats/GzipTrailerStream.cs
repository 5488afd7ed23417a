using TickCache.Storage;

namespace TickCache.Formats;

/// <summary>
/// A read-only pass-through over the compressed body that counts its bytes and keeps the last 8 (the gzip trailer:
/// CRC32 and ISIZE of the decompressed data). <see cref="System.IO.Compression.GZipStream"/> ends silently on a
/// truncated body, so the decoder checks this trailer itself.
/// </summary>
internal sealed class GzipTrailerStream(Stream inner) : ForwardReadStream
{
    private readonly byte[] _tail = new byte[8];

    public long BytesRead { get; private set; }

    public override long Position { get => BytesRead; set => throw new NotSupportedException("The stream is forward-only."); }

    /// <summary>The trailer's CRC32 and ISIZE (little-endian), valid when <see cref="BytesRead"/> ≥ 18.</summary>
    public (uint Crc32, uint Size) Trailer => (BitConverter.ToUInt32(_tail, 0), BitConverter.ToUInt32(_tail, 4));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Track(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Track(buffer.Span[..n]);
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Track(ReadOnlySpan<byte> read)
    {
        BytesRead += read.Length;
        if (read.Length >= 8)
        {
            read[^8..].CopyTo(_tail);
        }
        else if (read.Length > 0)
        {
            Array.Copy(_tail, read.Length, _tail, 0, 8 - read.Length);
            read.CopyTo(_tail.AsSpan(8 - read.Length));
        }
    }
}

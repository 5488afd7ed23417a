using System.Buffers;

namespace TickCache.Formats;

/// <summary>
/// A write-only stream in front of a destination that, once <see cref="Capture"/> is called, keeps what is written
/// (the Parquet footer Parquet.Net writes when its writer is disposed) instead of passing it on, so that the footer can be
/// amended (<see cref="ParquetFooter"/>) without holding the file's pages in memory. <see cref="Position"/> counts every
/// byte written either way (Parquet.Net records page offsets from it); <see cref="Head"/> hashes the bytes passed on
/// (for the <see cref="FileSeal"/>). Not thread-safe.
/// </summary>
internal sealed class TailCaptureStream(Stream destination) : Stream
{
    private ArrayBufferWriter<byte>? _tail;
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    /// <summary>xxHash64 state of every byte passed on to the destination (those before <see cref="Capture"/>).</summary>
    public Planning.XxHash Head { get; } = new();

    /// <summary>What was written since <see cref="Capture"/>.</summary>
    public ReadOnlySpan<byte> Tail => _tail is null ? [] : _tail.WrittenSpan;

    /// <summary>From now on, writes are kept in <see cref="Tail"/>.</summary>
    public void Capture() => _tail = new ArrayBufferWriter<byte>(1 << 14);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_tail is null)
        {
            Head.Append(buffer);
            destination.Write(buffer);
        }
        else
        {
            _tail.Write(buffer);
        }

        _written += buffer.Length;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_tail is null)
        {
            Head.Append(buffer.Span);
            await destination.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _tail.Write(buffer.Span);
        }

        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
        if (_tail is null)
        {
            destination.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _tail is null ? destination.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using TickCache.Diagnostics;
using TickCache.Formats;
using TickCache.Planning;

namespace TickCache.Sources.BinancePublicData;

/// <summary>
/// A downloaded zip held whole, with the SHA-256 of its bytes computed while it arrived: in a pooled buffer when its
/// length is known and at most <see cref="MemoryLimit"/>, else in a temp file deleted on close (a monthly file of a
/// busy symbol is gigabytes). The zip directory is at the end of the file, so the whole file is needed before anything
/// of it can be read, and its checksum is verified before anything of it is used. The one place that calls
/// <see cref="ZipArchive"/>. Dispose to free the buffer or delete the file. Not thread-safe.
/// </summary>
internal sealed class BufferedZip : IDisposable
{
    /// <summary>Zips up to this length are held in memory.</summary>
    public const long MemoryLimit = 512L << 20;

    private readonly Stream _stream;
    private readonly PooledBytes? _pooled;

    private BufferedZip(Stream stream, PooledBytes? pooled, string sha256)
    {
        _stream = stream;
        _pooled = pooled;
        Sha256 = sha256;
    }

    /// <summary>The lower-case hex SHA-256 of the bytes.</summary>
    public string Sha256 { get; }

    /// <summary>How many bytes arrived.</summary>
    public long Length => _stream.Length;

    /// <summary>Reads <paramref name="body"/> to its end (does not dispose it).</summary>
    public static async Task<BufferedZip> ReadAsync(Stream body, long? length, CancellationToken cancellationToken)
    {
        Stream target = length is { } n && n <= MemoryLimit
            ? new PooledWriteStream(0, (int)Math.Max(n, 1))
            : new FileStream(Path.Combine(Path.GetTempPath(), $"tickcache-{Guid.NewGuid():N}.zip"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await target.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (target is PooledWriteStream pooled)
        {
            var bytes = pooled.Detach();
            return new BufferedZip(new ReadOnlyMemoryStream(bytes.Memory), bytes, sha256);
        }

        target.Position = 0;
        return new BufferedZip(target, null, sha256);
    }

    /// <summary>
    /// Decodes the zip's one CSV entry with <paramref name="decode"/> (given the entry stream and its uncompressed
    /// length). A zip that does not open, or holds no CSV entry or more than one entry, is a permanent
    /// <see cref="InvalidChunkDataException"/> naming <paramref name="url"/> (its checksum matched: it is what the source publishes).
    /// </summary>
    public async Task<T> DecodeSingleCsvAsync<T>(ChunkKey key, string url, Func<Stream, long, string, Task<T>> decode)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(_stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw Errors.InvalidVerifiedFile(key, url, "it is not a zip file (" + e.Message + ")", 0, null, e);
        }

        using (archive)
        {
            var entries = archive.Entries;
            if (entries.Count != 1 || !entries[0].FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                var names = entries.Count == 0 ? "none" : string.Join(", ", entries.Take(5).Select(e => $"'{e.FullName}'"));
                throw Errors.InvalidVerifiedFile(key, url, $"a file of the archive holds exactly one CSV entry, this zip holds {entries.Count} entries ({names})", 0, null, null);
            }

            var entry = entries[0];
            var file = $"{url} ({entry.FullName})";
            Stream csv;
            try
            {
                csv = entry.Open();
            }
            catch (InvalidDataException e)
            {
                throw Errors.InvalidVerifiedFile(key, url, "its entry cannot be read (" + e.Message + ")", 0, null, e);
            }

            using (csv)
            {
                return await decode(csv, entry.Length, file).ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _pooled?.Dispose();
    }
}

using System.Buffers;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using TickCache.Planning;

namespace TickCache.Formats;

/// <summary>
/// Decodes a Tardis <c>trades</c> gzip CSV body straight into <see cref="TradeColumns"/> while validating all of it:
/// clean gzip with a matching trailer (CRC32 and size, so truncation is caught), the exact header, eight cells per row,
/// the same exchange and symbol on every row, parsable numbers and a known side. No string per row and no per-row
/// allocation except non-numeric ids. Any failure throws <see cref="InvalidChunkDataException"/> naming the line and column.
/// </summary>
internal static class TradesCsvDecoder
{
    public const string HeaderText = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";

    private const int BlockSize = 1 << 20;
    private static readonly byte[] Header = Encoding.ASCII.GetBytes(HeaderText);
    private static readonly string[] Columns = HeaderText.Split(',');

    /// <summary>Reads <paramref name="gzipBody"/> to its end and decodes it; also returns the compressed byte count. Does not dispose the stream.</summary>
    /// <param name="gzipBody">The raw response body (gzip bytes).</param>
    /// <param name="key">The chunk, for the exchange/symbol check and error messages.</param>
    /// <param name="expectedCompressedLength">Content length when known (sizes the columns), else 0.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<(TradeColumns Columns, long CompressedBytes)> DecodeAsync(Stream gzipBody, ChunkKey key, long expectedCompressedLength, CancellationToken cancellationToken)
    {
        var tail = new GzipTrailerStream(gzipBody);
        var state = new DecodeState(key, (int)Math.Clamp(expectedCompressedLength / 11, 1024, 64_000_000));
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            using var gzip = new GZipStream(tail, CompressionMode.Decompress, leaveOpen: true);
            var filled = 0;
            while (true)
            {
                int read;
                try
                {
                    read = await gzip.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    throw state.Error("the body is not valid gzip (" + e.Message + ")", 0, null, e);
                }

                if (read == 0)
                {
                    state.Finish(buffer.AsSpan(0, filled), tail);
                    return (state.Builder.Build(state.CsvSymbol), tail.BytesRead);
                }

                state.Crc.Append(buffer.AsSpan(filled, read));
                state.DecompressedBytes += read;
                filled += read;
                var consumed = state.ProcessLines(buffer.AsSpan(0, filled));
                if (consumed == 0 && filled == buffer.Length)
                {
                    throw state.Error($"a line is longer than {BlockSize} bytes", state.Line + 1, null, null);
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed class DecodeState(ChunkKey key, int capacity)
    {
        private readonly byte[] _exchange = Encoding.UTF8.GetBytes(key.Exchange);
        private byte[]? _symbol;

        public TradeColumnsBuilder Builder { get; } = new(capacity);

        public Crc32 Crc { get; } = new();

        public long DecompressedBytes { get; set; }

        public long Line { get; private set; }

        public string? CsvSymbol { get; private set; }

        /// <summary>Processes every complete line; returns the bytes consumed.</summary>
        public int ProcessLines(ReadOnlySpan<byte> data)
        {
            var consumed = 0;
            while (true)
            {
                var newline = data[consumed..].IndexOf((byte)'\n');
                if (newline < 0)
                {
                    return consumed;
                }

                ProcessLine(data.Slice(consumed, newline));
                consumed += newline + 1;
            }
        }

        public void Finish(ReadOnlySpan<byte> remainder, GzipTrailerStream tail)
        {
            if (tail.BytesRead < 18)
            {
                throw Error($"the body is {tail.BytesRead} bytes, too short to be gzip (an empty day is a 20-byte empty gzip file)", 0, null, null);
            }

            var (crc, size) = tail.Trailer;
            if (crc != Crc.GetCurrentHashAsUInt32() || size != unchecked((uint)DecompressedBytes))
            {
                throw Error($"the gzip body is truncated or damaged: its trailer says CRC32 {crc:x8} and {size} bytes, the decoded data has CRC32 {Crc.GetCurrentHashAsUInt32():x8} and {DecompressedBytes} bytes", 0, null, null);
            }

            if (!remainder.IsEmpty)
            {
                ProcessLine(remainder);
            }
        }

        public InvalidChunkDataException Error(string what, long line, string? column, Exception? inner)
        {
            var where = line > 0 ? $" at line {line}" + (column is null ? string.Empty : $", column '{column}'") : string.Empty;
            return new InvalidChunkDataException(
                $"The Tardis file for {key} ({key.Exchange}/{key.DataType}/{key.StartUtc:yyyy/MM/dd}/{key.Symbol}.csv.gz) is invalid{where}: {what}. Nothing of it was cached; the download is retried, and if the source keeps serving it, report the file to the data vendor.",
                key.ToString(),
                line,
                column,
                inner);
        }

        private void ProcessLine(ReadOnlySpan<byte> line)
        {
            Line++;
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (Line == 1)
            {
                if (!line.SequenceEqual(Header))
                {
                    throw Error($"the header is '{Encoding.UTF8.GetString(line[..Math.Min(line.Length, 200)])}', expected '{HeaderText}'", 1, null, null);
                }

                return;
            }

            var rest = line;
            var exchange = Cell(ref rest, 0);
            var symbol = Cell(ref rest, 1);
            var timestampCell = Cell(ref rest, 2);
            var localCell = Cell(ref rest, 3);
            var idCell = Cell(ref rest, 4);
            var sideCell = Cell(ref rest, 5);
            var priceCell = Cell(ref rest, 6);
            var amountCell = rest;
            if (amountCell.IndexOf((byte)',') >= 0)
            {
                throw Error($"the row has more than {Columns.Length} cells", Line, null, null);
            }

            if (!exchange.SequenceEqual(_exchange))
            {
                throw Error($"exchange '{Encoding.UTF8.GetString(exchange)}' is not '{key.Exchange}'", Line, Columns[0], null);
            }

            CheckSymbol(symbol);
            if (!CsvNumbers.TryParseInt64(timestampCell, out var timestamp))
            {
                throw BadCell(timestampCell, 2, "an integer (µs since the epoch)");
            }

            if (!CsvNumbers.TryParseInt64(localCell, out var localTimestamp))
            {
                throw BadCell(localCell, 3, "an integer (µs since the epoch)");
            }

            var side = ParseSide(sideCell);
            if (!CsvNumbers.TryParseDouble(priceCell, out var price))
            {
                throw BadCell(priceCell, 6, "a decimal number");
            }

            if (!CsvNumbers.TryParseDouble(amountCell, out var amount))
            {
                throw BadCell(amountCell, 7, "a decimal number");
            }

            if (Builder.NumericIds && CsvNumbers.TryParseCanonicalId(idCell, out var id))
            {
                Builder.Add(timestamp, localTimestamp, id, side, price, amount);
            }
            else
            {
                Builder.Add(timestamp, localTimestamp, Encoding.UTF8.GetString(idCell), side, price, amount);
            }
        }

        private ReadOnlySpan<byte> Cell(ref ReadOnlySpan<byte> rest, int index)
        {
            var comma = rest.IndexOf((byte)',');
            if (comma < 0)
            {
                throw Error($"the row has {index + 1} cells, expected {Columns.Length}", Line, Columns[index], null);
            }

            var cell = rest[..comma];
            rest = rest[(comma + 1)..];
            return cell;
        }

        private void CheckSymbol(ReadOnlySpan<byte> symbol)
        {
            if (_symbol is not null)
            {
                if (!symbol.SequenceEqual(_symbol))
                {
                    throw Error($"symbol '{Encoding.UTF8.GetString(symbol)}' differs from the first row's '{CsvSymbol}' (grouped-symbol files are not supported yet)", Line, Columns[1], null);
                }

                return;
            }

            var text = Encoding.UTF8.GetString(symbol);
            var normalized = text.ToUpperInvariant().Replace('/', '-').Replace(':', '-');
            if (!string.Equals(normalized, key.Symbol, StringComparison.Ordinal))
            {
                throw Error($"symbol '{text}' is not the requested '{key.Symbol}'", Line, Columns[1], null);
            }

            _symbol = symbol.ToArray();
            CsvSymbol = text;
        }

        private TradeSide ParseSide(ReadOnlySpan<byte> cell)
        {
            if (cell.SequenceEqual("buy"u8))
            {
                return TradeSide.Buy;
            }

            if (cell.SequenceEqual("sell"u8))
            {
                return TradeSide.Sell;
            }

            if (cell.SequenceEqual("unknown"u8))
            {
                return TradeSide.Unknown;
            }

            throw BadCell(cell, 5, "'buy', 'sell' or 'unknown'");
        }

        private InvalidChunkDataException BadCell(ReadOnlySpan<byte> cell, int column, string expected) =>
            Error($"'{Encoding.UTF8.GetString(cell[..Math.Min(cell.Length, 100)])}' is not {expected}", Line, Columns[column], null);
    }
}

using System.Buffers;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using TickCache.Diagnostics;
using TickCache.Planning;

namespace TickCache.Formats;

/// <summary>
/// Decodes a gzip CSV body in the shared column layout (<c>exchange,symbol,</c> then the schema's columns) of any
/// dataset type straight into <see cref="ChunkColumns"/> as its <see cref="DatasetSchema"/> declares, validating all of
/// it: clean gzip with a matching trailer (CRC32 and size, so truncation is caught), the exact header, the declared
/// cell count per row, the chunk's exchange on every row, the requested symbol (any symbol when the file says so),
/// parsable numbers and known enum words, and every row's partition timestamp inside the chunk. No string per row and
/// no per-row allocation except non-numeric ids and text columns. Failures throw <see cref="InvalidChunkDataException"/>
/// naming the file, the line, the column and the value. Vendor-neutral: what varies by source comes in the
/// <see cref="CsvChunkFile"/>.
/// </summary>
internal static class CsvChunkDecoder
{
    private const int BlockSize = 1 << 20;

    /// <summary>Reads <paramref name="gzipBody"/> to its end and decodes it; also returns the compressed byte count. Does not dispose the stream.</summary>
    public static async Task<(ChunkColumns Columns, long CompressedBytes)> DecodeAsync(Stream gzipBody, CsvChunkFile file, long expectedCompressedLength, CancellationToken cancellationToken)
    {
        var tail = new GzipTrailerStream(gzipBody);
        // Start small; once ~1 MB of CSV is decoded, the compressed bytes per row so far (times the body length) give the
        // row count within a few percent, and the columns are sized once. Over-allocating (and trimming later) costs
        // page faults and copies that dominated the decode of wide rows.
        var state = new DecodeState(file, DatasetSchemas.For(file.Key.DataType), 4096);
        var sized = expectedCompressedLength <= 0;
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
                    return (state.Builder.Build(), tail.BytesRead);
                }

                state.Crc.Append(buffer.AsSpan(filled, read));
                state.DecompressedBytes += read;
                filled += read;
                var consumed = state.ProcessLines(buffer.AsSpan(0, filled));
                if (!sized && state.Builder.Count >= 2048 && state.DecompressedBytes >= BlockSize)
                {
                    sized = true;
                    var compressedPerRow = (double)tail.BytesRead / state.Builder.Count;
                    state.Builder.Reserve((int)Math.Min(64_000_000, expectedCompressedLength / compressedPerRow)); // no margin: see Reserve
                }

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

    private sealed class DecodeState(CsvChunkFile file, DatasetSchema schema, int capacity)
    {
        private readonly ChunkKey _key = file.Key;
        private readonly byte[] _exchange = Encoding.UTF8.GetBytes(file.Key.Exchange);
        private readonly byte[] _header = Encoding.ASCII.GetBytes(schema.Header);
        private readonly List<byte[]> _symbols = [];
        private readonly ColumnSpec[] _columns = [.. schema.Columns];
        private readonly ColumnSpec _partition = schema.Column(file.PartitionColumn);
        private readonly long _chunkStart = file.Key.StartMicros;
        private readonly long _chunkEnd = file.Key.EndMicros;
        private int _lastSymbol;
        private CsvBlankLines _blanks;

        public ChunkColumnsBuilder Builder { get; } = new(schema, capacity);

        public Crc32 Crc { get; } = new();

        public long DecompressedBytes { get; set; }

        public long Line { get; private set; }

        public int ProcessLines(ReadOnlySpan<byte> data)
        {
            var consumed = 0;
            while (CsvLines.TryTake(data, ref consumed, out var line))
            {
                ProcessLine(line);
            }

            return consumed;
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

        public InvalidChunkDataException Error(string what, long line, string? column, Exception? inner) =>
            Errors.InvalidFile(_key, file.Description, what, line, column, inner, file.Final);

        private void ProcessLine(ReadOnlySpan<byte> line)
        {
            Line++;
            line = CsvLines.WithoutCr(line);

            if (Line == 1)
            {
                line = CsvLines.WithoutBom(line);
                if (!line.SequenceEqual(_header))
                {
                    throw Error($"the header is '{Encoding.UTF8.GetString(line[..Math.Min(line.Length, 300)])}', expected '{schema.Header}'", 1, null, null);
                }

                return;
            }

            if (_blanks.Skip(line, Line, out var blank))
            {
                return;
            }

            if (blank != 0)
            {
                throw Error("the line is empty, and rows follow it (only the end of a file may be blank)", blank, null, null);
            }

            var rest = line;
            var exchange = Cell(ref rest, "exchange", 0);
            if (!exchange.SequenceEqual(_exchange))
            {
                throw Error($"exchange '{Encoding.UTF8.GetString(exchange)}' is not '{_key.Exchange}'", Line, "exchange", null);
            }

            var row = Builder.AddRow(SymbolCode(Cell(ref rest, "symbol", 1)));
            var columns = _columns;
            var doubles = Builder.DoubleColumns;
            for (var c = 0; c < columns.Length; c++)
            {
                var spec = columns[c];
                if (spec.Kind == ColumnKind.Double)
                {
                    // One pass: scan and parse up to the comma (the hot path of wide rows such as book_snapshot_25).
                    if (!CsvNumbers.TryParseDoubleCell(rest, out var number, out var length))
                    {
                        throw BadCell(rest[..length], spec, "a decimal number");
                    }

                    doubles[spec.Slot][row] = number;
                    var comma = length < rest.Length;
                    if (c == columns.Length - 1)
                    {
                        if (comma)
                        {
                            throw Error($"the row has more than {columns.Length + 2} cells", Line, null, null);
                        }
                    }
                    else if (!comma)
                    {
                        throw Error($"the row has {c + 3} cells, expected {columns.Length + 2}", Line, spec.Name, null);
                    }
                    else
                    {
                        rest = rest[(length + 1)..];
                    }

                    continue;
                }

                var cell = c < columns.Length - 1 ? Cell(ref rest, spec.Name, c + 2) : rest;
                if (c == columns.Length - 1 && cell.IndexOf((byte)',') >= 0)
                {
                    throw Error($"the row has more than {columns.Length + 2} cells", Line, null, null);
                }

                Store(spec, row, cell);
            }

            var partition = Builder.GetInt64(_partition.Slot, row);
            if (partition < _chunkStart || partition >= _chunkEnd)
            {
                throw Errors.RowOutsideChunk(_key, file.Description, Line, _partition.Name, partition);
            }
        }

        private void Store(ColumnSpec spec, int row, ReadOnlySpan<byte> cell)
        {
            switch (spec.Kind)
            {
                case ColumnKind.Int64:
                    if (CsvNumbers.TryParseInt64(cell, out var integer))
                    {
                        Builder.SetInt64(spec.Slot, row, integer);
                    }
                    else if (cell.IsEmpty && spec.Optional)
                    {
                        Builder.SetInt64(spec.Slot, row, ColumnSpec.MissingInt64);
                    }
                    else
                    {
                        throw BadCell(cell, spec, "an integer (µs since the epoch)");
                    }

                    break;
                case ColumnKind.Enum:
                    Builder.SetByte(spec.Slot, row, ParseEnum(spec, cell));
                    break;
                case ColumnKind.Bool:
                    Builder.SetByte(spec.Slot, row, cell.SequenceEqual("true"u8) ? (byte)1 : cell.SequenceEqual("false"u8) ? (byte)0 : throw BadCell(cell, spec, "'true' or 'false'"));
                    break;
                case ColumnKind.Text:
                    Builder.SetText(spec.Slot, row, Encoding.UTF8.GetString(cell));
                    break;
                default:
                    if (Builder.NumericIds && CsvNumbers.TryParseCanonicalId(cell, out var id))
                    {
                        Builder.SetId(row, id);
                    }
                    else
                    {
                        Builder.SetId(row, Encoding.UTF8.GetString(cell));
                    }

                    break;
            }
        }

        private byte ParseEnum(ColumnSpec spec, ReadOnlySpan<byte> cell)
        {
            var words = spec.EnumWords!;
            for (var i = 0; i < words.Length; i++)
            {
                if (cell.Length == words[i].Length && Ascii.Equals(cell, words[i]))
                {
                    return spec.EnumCodes![i];
                }
            }

            throw BadCell(cell, spec, "one of " + string.Join(", ", words.Select(w => $"'{w}'")));
        }

        private int SymbolCode(ReadOnlySpan<byte> symbol)
        {
            if (_symbols.Count > 0 && symbol.SequenceEqual(_symbols[_lastSymbol]))
            {
                return _lastSymbol;
            }

            for (var i = 0; i < _symbols.Count; i++)
            {
                if (symbol.SequenceEqual(_symbols[i]))
                {
                    return _lastSymbol = i;
                }
            }

            var text = Encoding.UTF8.GetString(symbol);
            if (!file.AnySymbol && (_symbols.Count > 0 || !string.Equals(file.NormalizeSymbol(text), _key.Symbol, StringComparison.Ordinal)))
            {
                throw Error(
                    _symbols.Count > 0 ? $"symbol '{text}' differs from the first row's in a single-symbol file" : $"symbol '{text}' is not the requested '{_key.Symbol}'",
                    Line,
                    "symbol",
                    null);
            }

            _symbols.Add(symbol.ToArray());
            return _lastSymbol = Builder.InternSymbol(text);
        }

        private ReadOnlySpan<byte> Cell(ref ReadOnlySpan<byte> rest, string name, int index)
        {
            var comma = rest.IndexOf((byte)',');
            if (comma < 0)
            {
                throw Error($"the row has {index + 1} cells, expected {schema.Columns.Count + 2}", Line, name, null);
            }

            var cell = rest[..comma];
            rest = rest[(comma + 1)..];
            return cell;
        }

        private InvalidChunkDataException BadCell(ReadOnlySpan<byte> cell, ColumnSpec spec, string expected) =>
            Error($"'{Encoding.UTF8.GetString(cell[..Math.Min(cell.Length, 100)])}' is not {expected}", Line, spec.Name, null);
    }
}

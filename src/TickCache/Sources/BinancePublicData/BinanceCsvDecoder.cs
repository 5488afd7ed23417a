using System.Buffers;
using System.Text;
using TickCache.Diagnostics;
using TickCache.Formats;
using TickCache.Planning;

namespace TickCache.Sources.BinancePublicData;

/// <summary>
/// Decodes the CSV inside a Binance archive zip straight into <see cref="ChunkColumns"/> of the shared schema, as its
/// <see cref="BinanceLayout"/> maps the columns, validating all of it: a header when the first line does not start
/// with a digit (futures files have one, spot files none) that must be the layout's exactly; the layout's cell count
/// on every row; numbers, integers and booleans (<c>true</c>/<c>True</c>/<c>false</c>/<c>False</c>) that parse;
/// one time unit per file, detected from the magnitude of the first time (below 10^14 = ms, else µs: spot switched to µs
/// on 2025-01-01), every time converted to µs and a file mixing units refused; every row's <c>timestamp</c> inside
/// the chunk. Rows keep the file's order; the symbol is the chunk's (the files have no symbol column). Failures throw
/// a permanent <see cref="InvalidChunkDataException"/> naming the file, line, column and value (the zip matched its
/// published checksum, so reading it again cannot help). No per-row allocation except for non-numeric ids. Not thread-safe (one decode per instance).
/// </summary>
internal sealed class BinanceCsvDecoder
{
    private const int BlockSize = 1 << 20;
    private const long MicrosThreshold = 100_000_000_000_000; // 10^14: ms times are < 10^14 until the year 5138, µs times ≥ 10^14 since 1973
    private const long MaxMicros = 10_000_000_000_000_000; // 10^16 µs is the year 2286: larger is not a µs time

    private readonly ChunkKey _key;
    private readonly BinanceLayout _layout;
    private readonly string _file;
    private readonly BinanceColumn[] _columns;
    private readonly int[][] _slots;
    private readonly int[] _unsetDoubles;
    private readonly int _partitionSlot;
    private readonly ChunkColumnsBuilder _builder;
    private long _line;
    private CsvBlankLines _blanks;
    private long _timeFactor; // 0 = not yet known, 1 = µs, 1000 = ms

    private BinanceCsvDecoder(ChunkKey key, BinanceLayout layout, string file)
    {
        _key = key;
        _layout = layout;
        _file = file;
        var schema = DatasetSchemas.For(key.DataType);
        _columns = [.. layout.Columns];
        _slots = [.. _columns.Select(c => c.Targets.Select(t => schema.Column(t).Slot).ToArray())];
        var filled = _columns.Where(c => c.Cell == BinanceCell.Double).SelectMany(c => c.Targets).ToHashSet(StringComparer.Ordinal);
        _unsetDoubles = [.. schema.Columns.Where(c => c.Kind == ColumnKind.Double && !filled.Contains(c.Name)).Select(c => c.Slot)];
        _partitionSlot = schema.Column("timestamp").Slot;
        _builder = new ChunkColumnsBuilder(schema, 4096);
        _builder.InternSymbol(key.Symbol);
    }

    /// <summary>Reads <paramref name="csv"/> (the zip entry, <paramref name="csvLength"/> bytes uncompressed, or 0 when unknown) to its end.</summary>
    public static async Task<ChunkColumns> DecodeAsync(Stream csv, long csvLength, ChunkKey key, BinanceLayout layout, string file, CancellationToken cancellationToken)
    {
        var decoder = new BinanceCsvDecoder(key, layout, file);
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            var filled = 0;
            long decoded = 0;
            var sized = csvLength <= 0;
            while (true)
            {
                var read = await csv.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (filled > 0)
                    {
                        decoder.ProcessLine(buffer.AsSpan(0, filled));
                    }

                    return decoder._builder.Build();
                }

                filled += read;
                decoded += read;
                var consumed = decoder.ProcessLines(buffer.AsSpan(0, filled));
                if (!sized && decoder._builder.Count >= 2048)
                {
                    // The uncompressed length is in the zip directory: rows so far per byte give the row count closely.
                    sized = true;
                    decoder._builder.Reserve((int)Math.Min(int.MaxValue / 2, (double)csvLength / (decoded - (filled - consumed)) * decoder._builder.Count)); // no margin: see Reserve
                }

                if (consumed == 0 && filled == buffer.Length)
                {
                    throw decoder.Error($"a line is longer than {BlockSize} bytes", decoder._line + 1, null);
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (InvalidDataException e)
        {
            throw Errors.InvalidVerifiedFile(key, file, "the zip entry does not inflate (" + e.Message + ")", 0, null, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int ProcessLines(ReadOnlySpan<byte> data)
    {
        var consumed = 0;
        while (CsvLines.TryTake(data, ref consumed, out var line))
        {
            ProcessLine(line);
        }

        return consumed;
    }

    private void ProcessLine(ReadOnlySpan<byte> line)
    {
        _line++;
        line = CsvLines.WithoutCr(line);
        if (_line == 1)
        {
            line = CsvLines.WithoutBom(line);
        }

        if (_blanks.Skip(line, _line, out var blank))
        {
            return;
        }

        if (blank != 0)
        {
            throw Error("the line is empty, and rows follow it (only the end of a file may be blank)", blank, null);
        }

        if (_line == 1 && (uint)(line[0] - '0') > 9)
        {
            if (!line.SequenceEqual(Encoding.ASCII.GetBytes(_layout.Header)))
            {
                throw Error($"the header is '{Shown(line, 300)}', expected '{_layout.Header}'", 1, null);
            }

            return;
        }

        var row = _builder.AddRow(0);
        var rest = line;
        for (var c = 0; c < _columns.Length; c++)
        {
            var last = c == _columns.Length - 1;
            var comma = rest.IndexOf((byte)',');
            if (last ? comma >= 0 : comma < 0)
            {
                throw Error($"the row has {line.Count((byte)',') + 1} cells, expected {_columns.Length} ({_layout.Header})", _line, null);
            }

            Store(c, row, last ? rest : rest[..comma]);
            rest = last ? default : rest[(comma + 1)..];
        }

        foreach (var slot in _unsetDoubles)
        {
            _builder.SetDouble(slot, row, double.NaN);
        }

        var partition = _builder.GetInt64(_partitionSlot, row);
        if (partition < _key.StartMicros || partition >= _key.EndMicros)
        {
            throw Errors.RowOutsideChunk(_key, _file, _line, "timestamp", partition);
        }
    }

    private void Store(int c, int row, ReadOnlySpan<byte> cell)
    {
        var column = _columns[c];
        var slots = _slots[c];
        switch (column.Cell)
        {
            case BinanceCell.Double:
                if (cell.IsEmpty || !CsvNumbers.TryParseDouble(cell, out var number))
                {
                    throw BadCell(cell, column, "a decimal number");
                }

                foreach (var slot in slots)
                {
                    _builder.SetDouble(slot, row, number);
                }

                break;
            case BinanceCell.Time:
                var micros = Time(cell, column);
                foreach (var slot in slots)
                {
                    _builder.SetInt64(slot, row, micros);
                }

                break;
            case BinanceCell.Int64:
                _builder.SetInt64(slots[0], row, CsvNumbers.TryParseInt64(cell, out var integer) ? integer : throw BadCell(cell, column, "an integer"));
                break;
            case BinanceCell.Id:
                if (_builder.NumericIds && CsvNumbers.TryParseCanonicalId(cell, out var id))
                {
                    _builder.SetId(row, id);
                }
                else
                {
                    _builder.SetId(row, cell.IsEmpty ? throw BadCell(cell, column, "an id") : Encoding.UTF8.GetString(cell));
                }

                break;
            case BinanceCell.Side:
                _builder.SetByte(slots[0], row, Bool(cell, column) ? (byte)TradeSide.Sell : (byte)TradeSide.Buy);
                break;
            case BinanceCell.DroppedBool:
                _ = Bool(cell, column);
                break;
            default:
                if (cell.IsEmpty || !CsvNumbers.TryParseDouble(cell, out _))
                {
                    throw BadCell(cell, column, "a number");
                }

                break;
        }
    }

    private long Time(ReadOnlySpan<byte> cell, BinanceColumn column)
    {
        if (!CsvNumbers.TryParseInt64(cell, out var value) || value <= 0 || value >= MaxMicros)
        {
            throw BadCell(cell, column, "a time in ms or µs since the Unix epoch");
        }

        var factor = value < MicrosThreshold ? 1000L : 1L;
        if (_timeFactor == 0)
        {
            _timeFactor = factor;
        }
        else if (factor != _timeFactor)
        {
            throw Error($"'{Shown(cell, 30)}' is in {(factor == 1 ? "µs" : "ms")} but the file's first time was in {(_timeFactor == 1 ? "µs" : "ms")}: a file mixing time units is refused", _line, column.Name);
        }

        return value * factor;
    }

    private bool Bool(ReadOnlySpan<byte> cell, BinanceColumn column) =>
        Ascii.EqualsIgnoreCase(cell, "true"u8) || (Ascii.EqualsIgnoreCase(cell, "false"u8) ? false : throw BadCell(cell, column, "true or false"));

    private InvalidChunkDataException BadCell(ReadOnlySpan<byte> cell, BinanceColumn column, string expected) =>
        Error($"'{Shown(cell, 100)}' is not {expected}", _line, column.Name);

    private InvalidChunkDataException Error(string what, long line, string? column) => Errors.InvalidVerifiedFile(_key, _file, what, line, column, null);

    private static string Shown(ReadOnlySpan<byte> bytes, int max) => Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, max)]);
}

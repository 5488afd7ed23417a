using System.Buffers.Binary;
using System.Text;
using TickCache.Formats.Thrift;

namespace TickCache.Formats.Pages;

/// <summary>
/// The column chunks of a flat, single-row-group Parquet file (an L2 v3 file), by column name, read from its footer
/// with the Thrift compact codec, with the row group's row count and the file's key-value metadata (so that a file our
/// page reader decodes whole never needs Parquet.Net's reader). Field ids from parquet.thrift: FileMetaData 2 schema,
/// 4 row_groups, 5 key_value_metadata; KeyValue 1 key, 2 value; SchemaElement 1 type, 3 repetition_type, 4 name,
/// 5 num_children; RowGroup 1 columns, 3 num_rows; ColumnChunk 3 meta_data; ColumnMetaData 1 type, 3 path_in_schema,
/// 4 codec, 5 num_values, 7 total_compressed_size, 9 data_page_offset, 11 dictionary_page_offset. Immutable; thread-safe.
/// </summary>
internal sealed class PageLayout
{
    private readonly Dictionary<string, ColumnChunk> _chunks;

    private PageLayout(Dictionary<string, ColumnChunk> chunks, long rows, IReadOnlyDictionary<string, string> metadata) => (_chunks, Rows, Metadata) = (chunks, rows, metadata);

    /// <summary>Rows in the file's only row group.</summary>
    public long Rows { get; }

    /// <summary>The file's key-value metadata (a key given twice: the last value, as Parquet.Net reads it).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The layout, or null when the file is not flat with one row group (then Parquet.Net reads it all).</summary>
    /// <exception cref="InvalidDataException">The footer is malformed.</exception>
    public static PageLayout? TryRead(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12)
        {
            throw new InvalidDataException("The file is too short for a Parquet footer.");
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(file[^8..^4]);
        if (footerLength <= 0 || footerLength > file.Length - 12)
        {
            throw new InvalidDataException($"The Parquet footer claims {footerLength} bytes.");
        }

        var metadata = ThriftCompact.ReadStruct(file.Slice(file.Length - 8 - footerLength, footerLength));
        var schema = metadata.Field(2)?.Items;
        var groups = metadata.Field(4)?.Items;
        if (schema is null || groups is not { Count: 1 } || groups[0].Field(1)?.Items is not { } columns || schema.Count != columns.Count + 1 || schema.Skip(1).Any(e => e.Field(5) is not null))
        {
            return null;
        }

        var chunks = new Dictionary<string, ColumnChunk>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            var element = schema[i + 1];
            var meta = columns[i].Field(3);
            if (meta?.Field(3)?.Items is not [{ Bytes: { } path }] || element.Field(4)?.Bytes is not { } name || !path.AsSpan().SequenceEqual(name))
            {
                return null;
            }

            var dictionary = meta.Field(11);
            var start = dictionary?.Integer ?? meta.Field(9)?.Integer ?? -1;
            var length = meta.Field(7)?.Integer ?? -1;
            if (start < 4 || length < 0 || start > file.Length - length)
            {
                throw new InvalidDataException($"Column '{Encoding.UTF8.GetString(name)}' lies outside the file.");
            }

            chunks[Encoding.UTF8.GetString(name)] = new ColumnChunk(
                (int)(meta.Field(1)?.Integer ?? -1),
                element.Field(3)?.Integer == 1,
                (int)(meta.Field(4)?.Integer ?? -1),
                meta.Field(5)?.Integer ?? -1,
                start,
                length,
                dictionary is not null);
        }

        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in metadata.Field(5)?.Items ?? [])
        {
            if (pair.Field(1)?.Bytes is not { } pairKey)
            {
                throw new InvalidDataException("A key-value metadata entry has no key.");
            }

            pairs[Encoding.UTF8.GetString(pairKey)] = pair.Field(2)?.Bytes is { } value ? Encoding.UTF8.GetString(value) : string.Empty;
        }

        return new PageLayout(chunks, groups[0].Field(3)?.Integer ?? -1, pairs);
    }

    public ColumnChunk? Chunk(string column) => _chunks.GetValueOrDefault(column);
}

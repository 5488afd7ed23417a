namespace TickCache.Formats.Pages;

/// <summary>
/// Where one column of a file's only row group lies and how it is stored, from the Parquet footer
/// (<c>ColumnMetaData</c> and the schema's <c>SchemaElement</c>).
/// </summary>
/// <param name="PhysicalType">parquet.thrift <c>Type</c>: 1 INT32, 2 INT64, 5 DOUBLE, …</param>
/// <param name="Optional">Whether the column is OPTIONAL (maximum definition level 1) rather than REQUIRED.</param>
/// <param name="Codec">parquet.thrift <c>CompressionCodec</c>: 0 UNCOMPRESSED, 7 LZ4_RAW, …</param>
/// <param name="Values">Values (rows, nulls included) in the chunk.</param>
/// <param name="Start">Offset of the chunk's first page in the file.</param>
/// <param name="Length">Bytes of all its pages.</param>
/// <param name="HasDictionary">Whether the chunk starts with a dictionary page.</param>
internal sealed record ColumnChunk(int PhysicalType, bool Optional, int Codec, long Values, long Start, long Length, bool HasDictionary);

using TickCache.Diagnostics;

namespace TickCache.Formats;

/// <summary>
/// The declared shape of one Tardis dataset type: its exact CSV header and how each column is parsed and stored.
/// Adding a data type means declaring one of these in <see cref="DatasetSchemas"/>; the decoder, the Parquet codec,
/// the hash and the batches are shared. Immutable.
/// </summary>
internal sealed class DatasetSchema
{
    public DatasetSchema(string dataType, IEnumerable<ColumnSpec> columns)
    {
        DataType = dataType;
        var slots = new Dictionary<StorageType, int>();
        var list = new List<ColumnSpec>();
        foreach (var column in columns)
        {
            var storage = StorageOf(column.Kind);
            slots.TryGetValue(storage, out var slot);
            slots[storage] = slot + 1;
            list.Add(column with { Slot = column.Kind == ColumnKind.Id ? 0 : slot });
        }

        Columns = list;
        _byName = list.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Int64Count = slots.GetValueOrDefault(StorageType.Int64);
        DoubleCount = slots.GetValueOrDefault(StorageType.Double);
        ByteCount = slots.GetValueOrDefault(StorageType.Byte);
        TextCount = slots.GetValueOrDefault(StorageType.Text);
        HasId = list.Any(c => c.Kind == ColumnKind.Id);
        Header = "exchange,symbol," + string.Join(',', list.Select(c => c.Name));
        if (list.Count < 2 || list[0].Name != "timestamp" || list[1].Name != "local_timestamp")
        {
            throw new ArgumentException($"Schema {dataType} must start with timestamp and local_timestamp.");
        }
    }

    private enum StorageType
    {
        Int64,
        Double,
        Byte,
        Text,
        Id,
    }

    private readonly Dictionary<string, ColumnSpec> _byName;

    public string DataType { get; }

    /// <summary>The columns after <c>exchange,symbol</c>, in CSV order; 0 is <c>timestamp</c>, 1 is <c>local_timestamp</c>.</summary>
    public IReadOnlyList<ColumnSpec> Columns { get; }

    /// <summary>The exact CSV header line.</summary>
    public string Header { get; }

    public int Int64Count { get; }

    public int DoubleCount { get; }

    public int ByteCount { get; }

    public int TextCount { get; }

    public bool HasId { get; }

    public ColumnSpec Column(string name) =>
        _byName.TryGetValue(name, out var column) ? column : throw Errors.NoSuchColumn(DataType, name, Columns.Select(c => c.Name));

    private static StorageType StorageOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Int64 => StorageType.Int64,
        ColumnKind.Double => StorageType.Double,
        ColumnKind.Enum or ColumnKind.Bool => StorageType.Byte,
        ColumnKind.Text => StorageType.Text,
        _ => StorageType.Id,
    };
}

using System.Globalization;
using System.Text;

namespace TickCache.Planning;

/// <summary>
/// The full identity of one chunk: (source, exchange, dataType, symbol, chunk start, chunk length, format version).
/// Its xxHash64 names L1 entries; its <see cref="RelativePath"/> names the L2 file. Both are pinned by golden tests:
/// changing either orphans every existing cache, so bump <see cref="CurrentFormatVersion"/> instead.
/// Equality and hashing use the precomputed 64-bit hash first, so a dictionary lookup neither boxes nor compares strings.
/// </summary>
internal sealed class ChunkKey : IEquatable<ChunkKey>
{
    /// <summary>Version of the on-disk format and of the key material; part of every hash and path.</summary>
    public const int CurrentFormatVersion = 3;

    public ChunkKey(string source, string exchange, string dataType, string symbol, DateTime startUtc, TimeSpan length, int formatVersion = CurrentFormatVersion, string folder = "")
    {
        Source = source;
        Folder = folder;
        Exchange = exchange;
        DataType = dataType;
        Symbol = symbol;
        StartUtc = startUtc;
        Length = length;
        FormatVersion = formatVersion;
        Material = string.Join(
            '\n',
            source,
            exchange,
            dataType,
            symbol,
            UnixMicros.From(startUtc).ToString(CultureInfo.InvariantCulture),
            (length.Ticks / TimeSpan.TicksPerMicrosecond).ToString(CultureInfo.InvariantCulture),
            formatVersion.ToString(CultureInfo.InvariantCulture));
        Hash = XxHash.Of(Encoding.UTF8.GetBytes(Material));
    }

    /// <summary>The same chunk's key in another format version (benchmarks and tests of older layouts).</summary>
    public ChunkKey WithFormatVersion(int formatVersion) => new(Source, Exchange, DataType, Symbol, StartUtc, Length, formatVersion, Folder);

    public string Source { get; }

    /// <summary>The source's folder under the cache root for <see cref="RelativePath"/> ("" = the root); the source decides it, and it is not key material (the source id is).</summary>
    public string Folder { get; }

    public string Exchange { get; }

    public string DataType { get; }

    public string Symbol { get; }

    public DateTime StartUtc { get; }

    public TimeSpan Length { get; }

    public DateTime EndUtc => StartUtc + Length;

    public long StartMicros => UnixMicros.From(StartUtc);

    /// <summary>Exclusive end as µs since the Unix epoch (UTC).</summary>
    public long EndMicros => UnixMicros.From(EndUtc);

    public int FormatVersion { get; }

    /// <summary>The canonical key material: the fields joined by LF, instants as µs since the epoch. Stored in the L2 footer.</summary>
    public string Material { get; }

    /// <summary>xxHash64 (seed 0) of the UTF-8 <see cref="Material"/>.</summary>
    public ulong Hash { get; }

    /// <summary>Lower-case 16-digit hex of <see cref="Hash"/>.</summary>
    public string HashHex => Hash.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>{folder}/v{format}/{exchange}/{dataType}/{symbol}/{yyyy}/{MM}/{dd}.parquet</c> for a day chunk, and
    /// <c>…/{symbol}/{yyyy}/{MM}.parquet</c> for a calendar-month chunk (beside the month's day folder, so a month and
    /// its first day never share a file), with '/' separators (no <c>{folder}/</c> when <see cref="Folder"/> is empty).
    /// Each source names its own folder, so two sources never share a file. Any other chunk length adds its start time
    /// and length: <c>…/{dd}T{HHmmss}+{length µs}.parquet</c>.
    /// </summary>
    public string RelativePath => $"{SymbolFolder}/{FileName}";

    /// <summary>The folder of this chunk's symbol, relative to the cache root: <c>{folder}/v{format}/{exchange}/{dataType}/{symbol}</c>.</summary>
    public string SymbolFolder => string.Create(CultureInfo.InvariantCulture, $"{(Folder.Length == 0 ? string.Empty : Folder + "/")}v{FormatVersion}/{Exchange}/{DataType}/{Symbol}");

    /// <summary>Folder levels between <see cref="SymbolFolder"/> and the file: 1 for a month (<c>yyyy/MM.parquet</c>), 2 otherwise.</summary>
    public int FileDepth => IsMonth ? 1 : 2;

    /// <summary>Whether the chunk is one calendar month (UTC), starting at its first midnight.</summary>
    public bool IsMonth => StartUtc.Day == 1 && StartUtc.TimeOfDay == TimeSpan.Zero && StartUtc.AddMonths(1) == EndUtc;

    private string FileName =>
        Length == DayGrid.Day && StartUtc.TimeOfDay == TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $"{StartUtc:yyyy}/{StartUtc:MM}/{StartUtc:dd}.parquet")
        : IsMonth ? string.Create(CultureInfo.InvariantCulture, $"{StartUtc:yyyy}/{StartUtc:MM}.parquet")
        : string.Create(CultureInfo.InvariantCulture, $"{StartUtc:yyyy}/{StartUtc:MM}/{StartUtc:dd}T{StartUtc:HHmmss}+{Length.Ticks / TimeSpan.TicksPerMicrosecond}.parquet");

    public bool Equals(ChunkKey? other) =>
        other is not null && (ReferenceEquals(this, other) || (Hash == other.Hash && string.Equals(Material, other.Material, StringComparison.Ordinal)));

    public override bool Equals(object? obj) => Equals(obj as ChunkKey);

    public override int GetHashCode() => unchecked((int)Hash ^ (int)(Hash >> 32));

    /// <summary>A short human description for messages and logs, e.g. <c>binance-futures trades BTCUSDT 2024-08-08</c> (a month chunk: <c>… 2024-07</c>).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Exchange} {DataType} {Symbol} {(IsMonth ? StartUtc.ToString("yyyy-MM", CultureInfo.InvariantCulture) : StartUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}");
}

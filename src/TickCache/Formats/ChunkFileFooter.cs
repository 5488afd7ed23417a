using System.Globalization;

namespace TickCache.Formats;

/// <summary>
/// What a chunk file's Parquet footer carries besides the schema (key-value metadata, keys prefixed <c>tickcache.</c>):
/// the key material, the format version, the row count, the time bounds, the content hash, the source's symbol texts and
/// the decimal scale of every double column stored as scaled int64 (<see cref="DecimalColumn"/>; absent in v1 files).
/// A reader rejects a file whose footer does not match the chunk it expects, whose <see cref="FileSeal"/> (<see cref="FileHash"/>,
/// in files written since the seal exists) does not verify, or — without a seal — whose recomputed content hash differs.
/// </summary>
internal sealed record ChunkFileFooter(int FormatVersion, string KeyMaterial, long Rows, long MinTimestamp, long MaxTimestamp, ulong ContentHash, IReadOnlyList<string> Symbols, IReadOnlyDictionary<string, int> DecimalScales)
{
    /// <summary>The file's <see cref="FileSeal"/> value; null in files written before it (and while a file is written: the writer seals it).</summary>
    public ulong? FileHash { get; init; }

    private const string Prefix = "tickcache.";

    public Dictionary<string, string> ToMetadata() => new()
    {
        [Prefix + "format_version"] = FormatVersion.ToString(CultureInfo.InvariantCulture),
        [Prefix + "key"] = KeyMaterial,
        [Prefix + "rows"] = Rows.ToString(CultureInfo.InvariantCulture),
        [Prefix + "min_timestamp"] = MinTimestamp.ToString(CultureInfo.InvariantCulture),
        [Prefix + "max_timestamp"] = MaxTimestamp.ToString(CultureInfo.InvariantCulture),
        [Prefix + "content_hash"] = ContentHash.ToString("x16", CultureInfo.InvariantCulture),
        [Prefix + "symbols"] = string.Join('\n', Symbols),
        [Prefix + "decimal_scales"] = string.Join(';', DecimalScales.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}={s.Value}"))),
    };

    /// <summary>Parses the footer; null when a field is missing or malformed.</summary>
    public static ChunkFileFooter? FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        string? Get(string name) => metadata.TryGetValue(Prefix + name, out var v) ? v : null;
        var inv = CultureInfo.InvariantCulture;
        if (!int.TryParse(Get("format_version"), NumberStyles.None, inv, out var version)
            || Get("key") is not { } key
            || !long.TryParse(Get("rows"), NumberStyles.None, inv, out var rows)
            || !long.TryParse(Get("min_timestamp"), NumberStyles.AllowLeadingSign, inv, out var min)
            || !long.TryParse(Get("max_timestamp"), NumberStyles.AllowLeadingSign, inv, out var max)
            || !ulong.TryParse(Get("content_hash"), NumberStyles.AllowHexSpecifier, inv, out var hash)
            || Get("symbols") is not { } symbols)
        {
            return null;
        }

        var scales = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in (Get("decimal_scales") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.LastIndexOf('=');
            if (equals <= 0 || !int.TryParse(entry.AsSpan(equals + 1), NumberStyles.None, inv, out var scale))
            {
                return null;
            }

            scales[entry[..equals]] = scale;
        }

        ulong? seal = null;
        if (metadata.TryGetValue(FileSeal.Key, out var sealText))
        {
            if (!ulong.TryParse(sealText, NumberStyles.AllowHexSpecifier, inv, out var parsed) || sealText.Length != 16)
            {
                return null;
            }

            seal = parsed;
        }

        return new ChunkFileFooter(version, key, rows, min, max, hash, symbols.Length == 0 ? [] : symbols.Split('\n'), scales) { FileHash = seal };
    }
}

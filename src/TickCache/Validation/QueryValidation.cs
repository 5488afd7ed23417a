using System.Globalization;

namespace TickCache.Validation;

/// <summary>
/// Validation of everything a caller passes in, with the messages in one place: each names the parameter, the
/// offending value and the rule, so the caller knows what to change.
/// </summary>
internal static class QueryValidation
{
    public static string Exchange(string? exchange)
    {
        NotBlank(exchange, nameof(exchange));
        foreach (var c in exchange!)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                throw new ArgumentException(
                    $"Exchange '{Printable(exchange)}' is not an exchange id: use lower-case letters, digits and '-' only, e.g. 'binance-futures' or 'deribit'.",
                    nameof(exchange));
            }
        }

        return exchange;
    }

    // The parameter at fault is TickQuery.Source's initializer value.
#pragma warning disable CA2208
    public static string SourceId(string? source)
    {
        ArgumentNullException.ThrowIfNull(source, nameof(TickQuery.Source));
        NotBlank(source, nameof(TickQuery.Source));
        foreach (var c in source)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                throw new ArgumentException(
                    $"Source '{Printable(source)}' is not a source id: use lower-case letters, digits and '-' only, e.g. '{TickSources.TardisDatasets}'.",
                    nameof(TickQuery.Source));
            }
        }

        return source;
    }
#pragma warning restore CA2208

    public static string DataType(string? dataType)
    {
        NotBlank(dataType, nameof(dataType));
        if (!TardisDataTypes.All.Contains(dataType!, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"Data type '{Printable(dataType!)}' is not a dataset type id: use one of {string.Join(", ", TardisDataTypes.All)} (case-sensitive).",
                nameof(dataType));
        }

        if (!TardisDataTypes.Supported.Contains(dataType!, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"Data type '{dataType}' is a dataset type this version of TickCache cannot decode yet: supported are {string.Join(", ", TardisDataTypes.Supported)}.",
                nameof(dataType));
        }

        return dataType!;
    }

    public static string Symbol(string? symbol)
    {
        NotBlank(symbol, nameof(symbol));
        var upper = symbol!.ToUpperInvariant();
        var bad = upper.Contains("..", StringComparison.Ordinal) || upper[0] == '.' || upper.Length > 128;
        foreach (var c in upper)
        {
            bad |= c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.');
        }

        if (bad)
        {
            throw new ArgumentException(
                $"Symbol '{Printable(symbol)}' is not a dataset symbol id: use at most 128 letters, digits, '-', '_' or '.', no '..' and no leading '.'; sources write '/' and ':' as '-' (e.g. 'BTCUSDT', 'BTC-PERPETUAL').",
                nameof(symbol));
        }

        return upper;
    }

    public static IReadOnlyList<string> Symbols(IEnumerable<string>? symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var list = symbols.Select(Symbol).ToList();
        if (list.Count is 0 or > 64)
        {
            throw new ArgumentException($"A query needs 1 to 64 symbols; {list.Count} were given. Split larger universes into several queries or use a grouped symbol such as PERPETUALS.", nameof(symbols));
        }

        var duplicate = list.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Symbol '{duplicate.Key}' is given twice: list each symbol once.", nameof(symbols));
        }

        return list;
    }

    public static void Range(DateTime fromUtc, DateTime toUtc)
    {
        Instant(fromUtc, nameof(fromUtc));
        Instant(toUtc, nameof(toUtc));
        if (fromUtc >= toUtc)
        {
            throw new ArgumentOutOfRangeException(
                nameof(toUtc),
                toUtc,
                $"The range [{Format(fromUtc)}, {Format(toUtc)}) is empty: toUtc must be later than fromUtc (ranges are half-open).");
        }
    }

    public static void MaxLength(TickQuery query, TimeSpan maximum)
    {
        if (query.Length > maximum)
        {
            throw new ArgumentOutOfRangeException(
                nameof(query),
                query.Length,
                $"The query {query} spans {query.Length.TotalDays:0.###} days, more than TickCacheOptions.MaxQueryLength ({maximum.TotalDays:0.###} days): split it or raise the option.");
        }
    }

    private static void Instant(DateTime value, string name)
    {
        if (value == default)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is default(DateTime): pass a real UTC instant, e.g. new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc).");
        }

        if (value.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException(
                $"{name} '{value.ToString("O", CultureInfo.InvariantCulture)}' has DateTimeKind.{value.Kind}: TickCache works in UTC only; pass DateTimeKind.Utc (e.g. DateTime.SpecifyKind(value, DateTimeKind.Utc) or value.ToUniversalTime()).",
                name);
        }
    }

    private static void NotBlank(string? value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} is empty or whitespace ('{Printable(value)}'): pass a non-empty id.", name);
        }
    }

    private static string Format(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture);

    /// <summary>Shows control characters as \uXXXX so an error message never carries them raw.</summary>
    private static string Printable(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

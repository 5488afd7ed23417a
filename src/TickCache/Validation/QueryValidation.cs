using TickCache.Diagnostics;

namespace TickCache.Validation;

/// <summary>
/// Validation of everything a caller passes in a query. The messages are built in <see cref="Errors"/>: each names the
/// parameter, the offending value and the rule, so the caller knows what to change.
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
                throw Errors.BadExchange(exchange, nameof(exchange));
            }
        }

        return exchange;
    }

    public static string SourceId(string? source)
    {
        ArgumentNullException.ThrowIfNull(source, nameof(TickQuery.Source));
        NotBlank(source, nameof(TickQuery.Source));
        foreach (var c in source)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                throw Errors.BadSourceId(source, nameof(TickQuery.Source));
            }
        }

        return source;
    }

    public static string DataType(string? dataType)
    {
        NotBlank(dataType, nameof(dataType));
        if (!TardisDataTypes.Supported.Contains(dataType!, StringComparer.Ordinal))
        {
            throw Errors.UnknownDataType(dataType!, TardisDataTypes.Supported, nameof(dataType));
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

        return bad ? throw Errors.BadSymbol(symbol, nameof(symbol)) : upper;
    }

    public static IReadOnlyList<string> Symbols(IEnumerable<string>? symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var list = symbols.Select(Symbol).ToList();
        if (list.Count is 0 or > 64)
        {
            throw Errors.SymbolCount(list.Count, nameof(symbols));
        }

        var duplicate = list.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? list : throw Errors.DuplicateSymbol(duplicate.Key, nameof(symbols));
    }

    public static void Range(DateTime fromUtc, DateTime toUtc)
    {
        Instant(fromUtc, nameof(fromUtc));
        Instant(toUtc, nameof(toUtc));
        if (fromUtc >= toUtc)
        {
            throw Errors.EmptyRange(fromUtc, toUtc, nameof(toUtc));
        }
    }

    public static void MaxLength(TickQuery query, TimeSpan maximum)
    {
        if (query.Length > maximum)
        {
            throw Errors.RangeTooLong(query, maximum, nameof(query));
        }
    }

    private static void Instant(DateTime value, string name)
    {
        if (value == default)
        {
            throw Errors.DefaultInstant(value, name);
        }

        if (value.Kind != DateTimeKind.Utc)
        {
            throw Errors.NotUtc(value, name);
        }
    }

    private static void NotBlank(string? value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Errors.Blank(value, name);
        }
    }
}

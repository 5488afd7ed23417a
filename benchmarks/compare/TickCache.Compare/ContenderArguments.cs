using System.Globalization;

namespace TickCache.Compare;

/// <summary>The <c>key=value</c> arguments the harness passes to a contender process (C# or Node alike).</summary>
internal sealed class ContenderArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public ContenderArguments(IEnumerable<string> args)
    {
        foreach (var arg in args)
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"Contender argument '{arg}' is not key=value.");
            }

            _values[arg[..equals]] = arg[(equals + 1)..];
        }
    }

    public Uri Endpoint => new(Get("endpoint"));

    public string CertificatePem => Get("cert");

    public string Symbol => Get("symbol");

    public DateTime From => Day("from");

    public DateTime To => Day("to");

    /// <summary>Concurrent overlapping queries (the parameter sweep); 1 = one query over [from, to).</summary>
    public int Queries => Int("queries", 1);

    /// <summary>Days per query in a sweep: query i covers [from + i, from + i + queryDays).</summary>
    public int QueryDays => Int("query-days", (int)(To - From).TotalDays);

    public string Get(string key) =>
        _values.TryGetValue(key, out var value) ? value : throw new ArgumentException($"Contender argument '{key}=' is missing.");

    public int Int(string key, int fallback) =>
        _values.TryGetValue(key, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private DateTime Day(string key) =>
        DateTime.ParseExact(Get(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>The [from, to) ranges of the queries, in order.</summary>
    public IReadOnlyList<(DateTime From, DateTime To)> Ranges() =>
        Queries == 1 ? [(From, To)] : [.. Enumerable.Range(0, Queries).Select(i => (From.AddDays(i), From.AddDays(i + QueryDays)))];
}

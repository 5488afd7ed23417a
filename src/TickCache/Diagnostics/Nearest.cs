namespace TickCache.Diagnostics;

/// <summary>The candidates closest to a mistyped value by edit distance (case-insensitive), for "did you mean" messages. Pure.</summary>
internal static class Nearest
{
    public static IReadOnlyList<string> Of(string value, IEnumerable<string> candidates, int count = 3) =>
        [.. candidates.Distinct(StringComparer.Ordinal)
            .Select(c => (Candidate: c, Distance: Distance(value.ToUpperInvariant(), c.ToUpperInvariant())))
            .OrderBy(x => x.Distance).ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Candidate)];

    /// <summary>Levenshtein distance, two rows.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

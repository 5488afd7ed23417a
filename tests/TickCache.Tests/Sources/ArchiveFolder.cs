using System.Globalization;

namespace TickCache.Tests.Sources;

/// <summary>A tardis-dev style archive folder (<c>{exchange}_{dataType}_{YYYY-MM-DD}_{symbol}.csv.gz</c>) built in a temp folder from bundled real files.</summary>
internal static class ArchiveFolder
{
    /// <summary>Copies the bundled file of each (exchange, dataType, symbol, day) under the official clients' name; <paramref name="servedAs"/> renames a file to another day.</summary>
    public static string Create(params (string Exchange, string DataType, string Symbol, DateTime Day, DateTime? ServedAs)[] files)
    {
        var root = TestData.TempDirectory();
        foreach (var (exchange, dataType, symbol, day, servedAs) in files)
        {
            File.Copy(TestData.FileOf(TestData.Root, exchange, dataType, day, symbol), Path.Combine(root, Name(exchange, dataType, symbol, servedAs ?? day)));
        }

        return root;
    }

    public static string Name(string exchange, string dataType, string symbol, DateTime day) =>
        string.Create(CultureInfo.InvariantCulture, $"{exchange}_{dataType}_{day:yyyy-MM-dd}_{symbol}.csv.gz");
}

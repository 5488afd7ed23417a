using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace TickCache.Tests;

/// <summary>The bundled real files (copied next to the test assembly) and a plain reference parse of them.</summary>
internal static class TestData
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "data");

    public static IEnumerable<string> AllFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "v1"), "*.csv.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>(exchange, dataType, symbol, day) of a file path under data/v1.</summary>
    public static (string Exchange, string DataType, string Symbol, DateTime Day) Describe(string path)
    {
        var parts = Path.GetRelativePath(Path.Combine(Root, "v1"), path).Split(Path.DirectorySeparatorChar);
        var day = DateTime.ParseExact($"{parts[2]}-{parts[3]}-{parts[4]}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return (parts[0], parts[1], parts[5][..^".csv.gz".Length], DateTime.SpecifyKind(day, DateTimeKind.Utc));
    }

    /// <summary>The header's column names.</summary>
    public static string[] ReadHeader(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadLine()!.Split(',');
    }

    /// <summary>The CSV rows as cell arrays (header removed), read with the BCL only.</summary>
    public static List<string[]> ReadCsv(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var rows = new List<string[]>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            rows.Add(line.Split(','));
        }

        return rows;
    }

    /// <summary><c>{dataRoot}/v1/{exchange}/{dataType}/{yyyy}/{MM}/{dd}/{symbol}.csv.gz</c>, the datasets-URL layout.</summary>
    public static string FileOf(string dataRoot, string exchange, string dataType, DateTime day, string symbol) =>
        Path.Combine(dataRoot, "v1", exchange, dataType, day.ToString("yyyy", CultureInfo.InvariantCulture), day.ToString("MM", CultureInfo.InvariantCulture), day.ToString("dd", CultureInfo.InvariantCulture), symbol + ".csv.gz");

    /// <summary>Writes <paramref name="csv"/> gzip-compressed to <see cref="FileOf"/>.</summary>
    public static async Task WriteCsvGzipAsync(string dataRoot, string exchange, string dataType, DateTime day, string symbol, string csv)
    {
        var file = FileOf(dataRoot, exchange, dataType, day, symbol);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using var gzip = new GZipStream(File.Create(file), CompressionLevel.Fastest);
        await gzip.WriteAsync(Encoding.UTF8.GetBytes(csv));
    }

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tickcache-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}

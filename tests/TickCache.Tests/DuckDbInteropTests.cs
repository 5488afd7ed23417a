using System.Globalization;
using System.IO.Compression;
using System.Text;
using DuckDB.NET.Data;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Sources.Tardis;

namespace TickCache.Tests;

/// <summary>
/// The L2 files as a quant reads them: a real DuckDB (<c>read_parquet</c>, no options, no knowledge of our footer)
/// returns, cell by cell, what the source CSV says — instants as TIMESTAMP WITH TIME ZONE (compared in µs), decimal
/// columns as DOUBLE equal to <c>double.Parse</c> of the CSV text, enums as their documented codes, text as in the CSV, NULL exactly where
/// the CSV cell is empty, the real symbol per row of a grouped file. Every bundled real file and every synthetic type;
/// and one glob over all files of a data type (days with different decimal places and missing cells), per file.
/// </summary>
public sealed class DuckDbInteropTests
{
    public static TheoryData<string> RealFiles() => new(TestData.AllFiles().Select(f => Path.GetRelativePath(TestData.Root, f)));

    public static TheoryData<string> RealDataTypes() => new(TestData.AllFiles().Select(f => TestData.Describe(f).DataType).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(RealFiles))]
    public async Task RealFile_ReadByDuckDb_SameCellsAsTheCsv(string relative)
    {
        var path = Path.Combine(TestData.Root, relative);
        var (exchange, dataType, symbol, day) = TestData.Describe(path);
        var parquet = await WriteV3Async(await File.ReadAllBytesAsync(path), exchange, dataType, symbol, day);

        AssertSameCells(dataType, TestData.ReadCsv(path), Query([parquet], dataType), grouped: false);
    }

    [Theory]
    [MemberData(nameof(SyntheticTypesTests.Files), MemberType = typeof(SyntheticTypesTests))]
    public async Task SyntheticFile_ReadByDuckDb_SameCellsAsTheCsv(string exchange, string dataType, string csv)
    {
        var grouped = dataType == "options_chain";
        var symbol = grouped ? "OPTIONS" : csv.Split('\n')[1].Split(',')[1];
        var parquet = await WriteV3Async(Gzip(csv), exchange, dataType, symbol, new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc));

        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        AssertSameCells(dataType, rows, Query([parquet], dataType), grouped);
    }

    [Theory]
    [MemberData(nameof(RealDataTypes))]
    public async Task GlobOverEveryFileOfAType_NoOptions_EachFileSameCellsAsItsCsv(string dataType)
    {
        var files = TestData.AllFiles().Where(f => TestData.Describe(f).DataType == dataType).ToList();
        var parquets = new List<string>();
        foreach (var file in files)
        {
            var (exchange, _, symbol, day) = TestData.Describe(file);
            parquets.Add(await WriteV3Async(await File.ReadAllBytesAsync(file), exchange, dataType, symbol, day));
        }

        var all = Query(parquets, dataType);
        Assert.Equal(files.Sum(f => TestData.ReadCsv(f).Count), all.Rows.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var ofFile = all.Rows.Where(r => (string)r[^1]! == parquets[i]).Select(r => r[..^1]).ToList();
            AssertSameCells(dataType, TestData.ReadCsv(files[i]), (all.Names, all.Types, ofFile), grouped: false);
        }
    }

    [Fact]
    public async Task ParquetExportOfATwoDayQuery_ReadByDuckDb_SameCellsAsTheCsvs_WithExchangeAndSymbol()
    {
        var day = new DateTime(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc);
        var files = new[] { day, day.AddDays(1) }.Select(d => TestData.FileOf(TestData.Root, "binance-futures", "trades", d, "BTCUSDT")).ToList();
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();
        var path = Path.Combine(TestData.TempDirectory(), "export.parquet");

        long rows;
        await using (var file = File.Create(path))
        {
            rows = await client.GetBatchesAsync(new TickQuery("binance-futures", "trades", "BTCUSDT", day, day.AddDays(2))).WriteParquetAsync(file);
        }

        var csv = files.SelectMany(TestData.ReadCsv).ToList();
        Assert.Equal(csv.Count, rows);
        var duck = Query([path], "trades");
        AssertSameCells("trades", csv, duck, grouped: true);
        var exchange = duck.Names.IndexOf(StandardParquetWriter.ExchangeName);
        Assert.All(duck.Rows, r => Assert.Equal("binance-futures", r[exchange]));
    }

    private static async Task<string> WriteV3Async(byte[] csvGz, string exchange, string dataType, string symbol, DateTime day)
    {
        var key = new ChunkKey(TickSources.TardisDatasets, exchange, dataType, symbol, day, TimeSpan.FromDays(1));
        using var body = new MemoryStream(csvGz);
        var (columns, _) = await CsvChunkDecoder.DecodeAsync(body, TardisDatasetsSource.FileOf(key, $"{dataType} {symbol}"), 0, CancellationToken.None);
        var path = Path.Combine(TestData.TempDirectory(), $"{exchange}_{dataType}_{symbol}_{day:yyyy-MM-dd}.parquet");
        await using var file = File.Create(path);
        await ParquetChunkCodec.WriteAsync(file, key, columns, ParquetLayout.Default, CancellationToken.None);
        return path;
    }

    /// <summary>Every column of the files, instants as µs (<c>epoch_us</c>), and the file name last.</summary>
    private static (List<string> Names, List<string> Types, List<object?[]> Rows) Query(IReadOnlyList<string> files, string dataType)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var list = "[" + string.Join(',', files.Select(f => $"'{f}'")) + "]";
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var describe = connection.CreateCommand())
        {
            describe.CommandText = $"DESCRIBE SELECT * FROM read_parquet({list})";
            using var reader = describe.ExecuteReader();
            while (reader.Read())
            {
                types[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var instants = DatasetSchemas.For(dataType).Columns.Where(c => c.Instant).Select(c => ParquetChunkCodec.ParquetName(c.Name)).ToHashSet(StringComparer.Ordinal);
        var names = types.Keys.ToList();
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {string.Join(", ", names.Select(n => instants.Contains(n) ? $"epoch_us(\"{n}\")" : $"\"{n}\""))}, filename FROM read_parquet({list}, filename = true)";
        using var rows = select.ExecuteReader();
        var result = new List<object?[]>();
        while (rows.Read())
        {
            var values = new object?[rows.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = rows.IsDBNull(i) ? null : rows.GetValue(i);
            }

            result.Add(values);
        }

        return (names, names.Select(n => types[n]).ToList(), result);
    }

    private static void AssertSameCells(string dataType, List<string[]> csv, (List<string> Names, List<string> Types, List<object?[]> Rows) duck, bool grouped)
    {
        var schema = DatasetSchemas.For(dataType);
        Assert.Equal(csv.Count, duck.Rows.Count);
        Assert.Equal(grouped, duck.Names.Contains(StandardParquetWriter.SymbolName));
        for (var c = 0; c < schema.Columns.Count; c++)
        {
            var spec = schema.Columns[c];
            var at = duck.Names.IndexOf(spec.Kind == ColumnKind.Id ? StandardParquetWriter.IdName : ParquetChunkCodec.ParquetName(spec.Name));
            Assert.Contains(duck.Types[at], ExpectedType(spec).Split('|'));
            for (var r = 0; r < csv.Count; r++)
            {
                var cell = csv[r][c + 2];
                AssertCell(spec.Kind == ColumnKind.Enum ? Codes(spec)[cell] : cell, duck.Rows[r][at], $"{dataType} row {r} column {spec.Name}");
            }
        }

        if (grouped)
        {
            var at = duck.Names.IndexOf(StandardParquetWriter.SymbolName);
            Assert.Equal(csv.Select(r => r[1]), duck.Rows.Select(r => (string)r[at]!));
        }
    }

    /// <summary>An enum column's code of each word, as the file's <c>tickcache.codes.*</c> metadata documents them.</summary>
    private static Dictionary<string, string> Codes(ColumnSpec spec) =>
        spec.EnumWords!.Zip(spec.EnumCodes!).ToDictionary(p => p.First, p => p.Second.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static string ExpectedType(ColumnSpec spec) => spec.Kind switch
    {
        ColumnKind.Int64 when spec.Instant => "TIMESTAMP WITH TIME ZONE",
        ColumnKind.Int64 => "BIGINT",
        ColumnKind.Double => "DOUBLE",
        ColumnKind.Bool => "BOOLEAN",
        ColumnKind.Enum => "UTINYINT",
        ColumnKind.Id => "VARCHAR|BIGINT",
        _ => "VARCHAR",
    };

    private static void AssertCell(string cell, object? value, string where)
    {
        if (cell.Length == 0)
        {
            Assert.True(value is null, $"{where}: the CSV cell is empty, DuckDB has '{value}'");
            return;
        }

        Assert.True(value is not null, $"{where}: the CSV has '{cell}', DuckDB has NULL");
        var same = value switch
        {
            double d => d.Equals(double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture)),
            long l => l == long.Parse(cell, CultureInfo.InvariantCulture),
            byte code => code == byte.Parse(cell, CultureInfo.InvariantCulture),
            bool b => b == bool.Parse(cell),
            _ => string.Equals(Convert.ToString(value, CultureInfo.InvariantCulture), cell, StringComparison.Ordinal),
        };
        Assert.True(same, $"{where}: the CSV has '{cell}', DuckDB has '{Convert.ToString(value, CultureInfo.InvariantCulture)}' ({value.GetType().Name})");
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}

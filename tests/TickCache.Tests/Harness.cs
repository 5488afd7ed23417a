using System.Globalization;
using TickCache.Emulator;
using TickCache.Formats;

namespace TickCache.Tests;

/// <summary>A real emulator over the bundled real files, a temp cache dir, and clients wired to both.</summary>
internal sealed class Harness : IAsyncDisposable
{
    public const string ApiKey = "tk_secret_key_4f1e9a";

    private Harness(TardisEmulator emulator, string cacheDirectory)
    {
        Emulator = emulator;
        CacheDirectory = cacheDirectory;
    }

    public TardisEmulator Emulator { get; }

    public string CacheDirectory { get; }

    public static async Task<Harness> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { DataDirectory = TestData.Root, ApiKey = ApiKey };
        configure?.Invoke(options);
        return new Harness(await TardisEmulator.StartAsync(options), TestData.TempDirectory());
    }

    public TickCacheClient Client(Action<TickCacheOptions>? configure = null)
    {
        var options = new TickCacheOptions
        {
            CacheDirectory = CacheDirectory,
            DatasetsEndpoint = Emulator.BaseAddress,
            MetadataEndpoint = Emulator.BaseAddress,
            ApiKey = ApiKey,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetries = 2,
        };
        configure?.Invoke(options);
        return new TickCacheClient(options);
    }

    public IEnumerable<string> CachedFiles() =>
        Directory.Exists(CacheDirectory) ? Directory.EnumerateFiles(CacheDirectory, "*", SearchOption.AllDirectories) : [];

    public static TickQuery Day(string exchange, string symbol, int year, int month, int day, int days = 1)
    {
        var from = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
        return new TickQuery(exchange, TardisDataTypes.Trades, symbol, from, from.AddDays(days));
    }

    public static async Task<List<Trade>> ReadAllAsync(TickCacheClient client, TickQuery query, CancellationToken cancellationToken = default)
    {
        var trades = new List<Trade>();
        await foreach (var trade in client.GetTradesAsync(query, cancellationToken))
        {
            trades.Add(trade);
        }

        return trades;
    }

    public static async Task<List<TickBatch>> ReadBatchesAsync(TickCacheClient client, TickQuery query)
    {
        var batches = new List<TickBatch>();
        await foreach (var batch in client.GetBatchesAsync(query))
        {
            batches.Add(batch.Keep()); // batches are valid only until the enumerator moves on
        }

        return batches;
    }

    public static void AssertSameAsCsv(string dataType, List<string[]> expected, List<TickBatch> batches)
    {
        var schema = DatasetSchemas.For(dataType);
        Assert.Equal(expected.Count, batches.Sum(b => b.Count));
        var r = 0;
        foreach (var batch in batches)
        {
            var ids = dataType is "trades" or "liquidations" ? batch.AsTrades() : null;
            for (var i = 0; i < batch.Count; i++, r++)
            {
                var row = expected[r];
                Assert.Equal(row[0], batch.Exchange);
                Assert.Equal(row[1], batch.GetSymbol(i));
                for (var c = 0; c < schema.Columns.Count; c++)
                {
                    var spec = schema.Columns[c];
                    var cell = row[c + 2];
                    switch (spec.Kind)
                    {
                        case ColumnKind.Double:
                            var expectedDouble = cell.Length == 0 ? double.NaN : double.Parse(cell, CultureInfo.InvariantCulture);
                            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedDouble), BitConverter.DoubleToInt64Bits(batch.GetDoubles(spec.Name).Span[i]));
                            break;
                        case ColumnKind.Int64:
                            Assert.Equal(cell.Length == 0 ? TickBatch.MissingInt64 : long.Parse(cell, CultureInfo.InvariantCulture), batch.GetInt64s(spec.Name).Span[i]);
                            break;
                        case ColumnKind.Enum:
                            Assert.Equal(spec.EnumCodes![Array.IndexOf(spec.EnumWords!, cell)], batch.GetCodes(spec.Name).Span[i]);
                            break;
                        case ColumnKind.Bool:
                            Assert.Equal(cell == "true" ? 1 : 0, batch.GetCodes(spec.Name).Span[i]);
                            break;
                        case ColumnKind.Text:
                            Assert.Equal(cell, batch.GetTexts(spec.Name).Span[i]);
                            break;
                        default:
                            Assert.Equal(cell, ids![i].Id);
                            break;
                    }
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(CacheDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

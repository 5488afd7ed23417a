using Parquet;
using TickCache.Emulator;
using TickCache.Formats;

namespace TickCache.Tests;

/// <summary>
/// The data types without real files in the repository (liquidations, book_ticker, book_snapshot_25, options_chain),
/// as small SYNTHETIC files written here in the Tardis format (empty cells, UUID-like and empty ids, grouped OPTIONS
/// symbols), through the same source → L2 → read path; plus the pinned Parquet schema of every type.
/// </summary>
public sealed class SyntheticTypesTests
{
    private static readonly DateTime Day = new(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc);
    private const long T0 = 1723075200000000;

    public static TheoryData<string, string, string> Files() => new()
    {
        { "binance-futures", "liquidations", "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n" +
            $"binance-futures,BTCUSDT,{T0 + 5},{T0 + 900},,sell,61000.1,0.5\nbinance-futures,BTCUSDT,{T0 + 9},{T0 + 1900},7f1c-22ab-93e0,buy,61010,1.25\n" },
        { "binance-futures", "book_ticker", "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount\n" +
            $"binance-futures,BTCUSDT,{T0 + 1},{T0 + 2},3.5,61000.2,61000.1,,\n".Replace(",,\n", ",\n", StringComparison.Ordinal) +
            $"binance-futures,BTCUSDT,{T0 + 3},{T0 + 4},1e-3,61000.3,61000,0.7\n" },
        { "deribit", "book_snapshot_25", "exchange,symbol,timestamp,local_timestamp," + string.Join(',', Enumerable.Range(0, 25).Select(i => $"asks[{i}].price,asks[{i}].amount,bids[{i}].price,bids[{i}].amount")) + "\n" +
            $"deribit,BTC-PERPETUAL,{T0 + 10},{T0 + 11}," + string.Join(',', Enumerable.Range(0, 25).Select(i => i < 20 ? $"{61000.5 + i},{10 * (i + 1)},{60999.5 - i},{20 * (i + 1)}" : ",,,")) + "\n" },
        { "deribit", "options_chain", "exchange,symbol,timestamp,local_timestamp,type,strike_price,expiration,open_interest,last_price,bid_price,bid_amount,bid_iv,ask_price,ask_amount,ask_iv,mark_price,mark_iv,underlying_index,underlying_price,delta,gamma,vega,theta,rho\n" +
            $"deribit,BTC-9AUG24-60000-C,{T0 + 100},{T0 + 150},call,60000,1723190400000000,12.3,0.031,0.03,5,48.1,0.032,7.5,50.2,0.0311,49,SYN.BTC-9AUG24,61000.5,0.61,0.0001,12.5,-80.1,1.2\n" +
            $"deribit,BTC-9AUG24-58000-P,{T0 + 120},{T0 + 160},put,58000,1723190400000000,,,,,,0.01,2,55,0.009,54.5,BTC-USD,61000.4,-0.2,0.00008,9.1,-60,-0.5\n" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task SyntheticFile_ThroughSourceAndDisk_ValueExact(string exchange, string dataType, string csv)
    {
        var symbol = dataType == "options_chain" ? "OPTIONS" : csv.Split('\n')[1].Split(',')[1];
        var data = TestData.TempDirectory();
        await TestData.WriteCsvGzipAsync(data, exchange, dataType, Day, symbol, csv);

        await using var emulator = await TardisEmulator.StartAsync(new EmulatorOptions { DataDirectory = data });
        var cache = TestData.TempDirectory();
        var options = new TickCacheOptions { CacheDirectory = cache, DatasetsEndpoint = emulator.BaseAddress, MetadataEndpoint = emulator.BaseAddress };
        var query = new TickQuery(exchange, dataType, symbol, Day, Day.AddDays(1));
        var expected = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();

        using (var first = new TickCacheClient(options))
        {
            Harness.AssertSameAsCsv(dataType, expected, await Harness.ReadBatchesAsync(first, query));
        }

        using var second = new TickCacheClient(options);
        var batches = await Harness.ReadBatchesAsync(second, query);
        Harness.AssertSameAsCsv(dataType, expected, batches);
        Assert.Equal(0, second.GetStatistics().UpstreamRequests);
        if (dataType == "options_chain")
        {
            var chain = Assert.Single(batches).AsOptionsChain();
            Assert.False(chain.Batch.HasSingleSymbol);
            Assert.Equal("BTC-9AUG24-58000-P", chain.Batch.GetSymbol(1));
            Assert.Equal([OptionType.Call, OptionType.Put], chain.Types.ToArray());
            var put = chain[1];
            Assert.Equal(("BTC-9AUG24-58000-P", OptionType.Put, 58000.0, 1723190400000000L, "BTC-USD", -0.5), (put.Symbol, put.Type, put.StrikePrice, put.Expiration, put.UnderlyingIndex, put.Rho));
            Assert.True(double.IsNaN(put.OpenInterest));
        }
    }

    /// <summary>The v3 schema of each data type as Parquet.Net reads it back (instants TIMESTAMP → DateTime, enums strings).</summary>
    public static TheoryData<string, string> GoldenSchemas() => new()
    {
        { "trades", "timestamp:DateTime local_timestamp:DateTime id:Int64 side:Byte price:Double amount:Double" },
        { "liquidations", "timestamp:DateTime local_timestamp:DateTime id:Int64 side:Byte price:Double amount:Double" },
        { "incremental_book_L2", "timestamp:DateTime local_timestamp:DateTime is_snapshot:Boolean side:Byte price:Double amount:Double" },
        { "quotes", "timestamp:DateTime local_timestamp:DateTime ask_amount:Double ask_price:Double bid_price:Double bid_amount:Double" },
        { "book_ticker", "timestamp:DateTime local_timestamp:DateTime ask_amount:Double ask_price:Double bid_price:Double bid_amount:Double" },
        { "derivative_ticker", "timestamp:DateTime local_timestamp:DateTime funding_timestamp:DateTime funding_rate:Double predicted_funding_rate:Double open_interest:Double last_price:Double index_price:Double mark_price:Double" },
        { "book_snapshot_5", "timestamp:DateTime local_timestamp:DateTime " + string.Join(' ', Enumerable.Range(0, 5).Select(i => $"asks_{i}_price:Double asks_{i}_amount:Double bids_{i}_price:Double bids_{i}_amount:Double")) },
        { "book_snapshot_25", "timestamp:DateTime local_timestamp:DateTime " + string.Join(' ', Enumerable.Range(0, 25).Select(i => $"asks_{i}_price:Double asks_{i}_amount:Double bids_{i}_price:Double bids_{i}_amount:Double")) },
        { "options_chain", "timestamp:DateTime local_timestamp:DateTime type:Byte strike_price:Double expiration:DateTime open_interest:Double last_price:Double bid_price:Double bid_amount:Double bid_iv:Double ask_price:Double ask_amount:Double ask_iv:Double mark_price:Double mark_iv:Double underlying_index:String underlying_price:Double delta:Double gamma:Double vega:Double theta:Double rho:Double" },
    };

    [Theory]
    [MemberData(nameof(GoldenSchemas))]
    public async Task ParquetSchema_EveryDataType_MatchesGolden(string dataType, string golden)
    {
        var schema = DatasetSchemas.For(dataType);
        var key = new Planning.ChunkKey(TickSources.TardisDatasets, "x", dataType, "S", Day, TimeSpan.FromDays(1));
        var builder = new ChunkColumnsBuilder(schema, 1);
        builder.InternSymbol("S");
        var row = builder.AddRow(0);
        builder.SetInt64(0, row, T0);
        if (schema.HasId)
        {
            builder.SetId(row, 1);
        }

        for (var slot = 0; slot < schema.TextCount; slot++)
        {
            builder.SetText(slot, row, "BTC-USD");
        }

        using var buffer = new MemoryStream();
        await ParquetChunkCodec.WriteAsync(buffer, key, builder.Build(), ParquetLayout.Default, CancellationToken.None);
        buffer.Position = 0;
        var parquet = await ParquetReader.ReadSchemaAsync(buffer);

        // Parquet.Net 6 reports a UTF-8 column read back from a file as ReadOnlyMemory<char>: logically a string.
        Assert.Equal(golden, string.Join(' ', parquet.DataFields.Select(f => $"{f.Name}:{(f.ClrType == typeof(ReadOnlyMemory<char>) ? "String" : f.ClrType.Name)}")));
    }
}

using System.IO.Compression;
using System.Text;
using TickCache.Formats;
using TickCache.Planning;
using TickCache.Sources.Tardis;

namespace TickCache.Tests;

/// <summary>The <c>id</c> column is reachable by its Tardis name: as int64 when every id is an integer, always as text.</summary>
public sealed class IdColumnTests
{
    private static readonly DateTime Day = new(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task NumericIds_ByName_AsInt64AndAsText()
    {
        var batch = await DecodeAsync("1,buy,1.5,2\n", "22,sell,1.5,3\n");

        Assert.Equal([1L, 22L], batch.GetInt64s("id").ToArray());
        Assert.Equal(["1", "22"], batch.GetTexts("id").ToArray());
        Assert.Equal(batch.AsTrades().NumericIds.ToArray(), batch.GetInt64s("id").ToArray());
    }

    [Fact]
    public async Task TextIds_ByName_AsText_AndAsInt64IsAClearError()
    {
        var batch = await DecodeAsync("a1b2-c3,buy,1.5,2\n", ",sell,1.5,3\n");

        Assert.Equal(["a1b2-c3", string.Empty], batch.GetTexts("id").ToArray());
        var e = Assert.Throws<ArgumentException>(() => batch.GetInt64s("id"));
        Assert.Contains("GetTexts(\"id\")", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => batch.GetDoubles("id"));
    }

    private static async Task<TickBatch> DecodeAsync(params string[] cells)
    {
        var micros = UnixMicros.From(Day) + 1000;
        var csv = new StringBuilder("exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n");
        foreach (var rest in cells)
        {
            csv.Append($"binance-futures,BTCUSDT,{micros},{micros + 5},{rest}");
        }

        using var gzip = new MemoryStream();
        await using (var writer = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
        {
            await writer.WriteAsync(Encoding.UTF8.GetBytes(csv.ToString()));
        }

        gzip.Position = 0;
        var key = new ChunkKey(TickSources.TardisDatasets, "binance-futures", "trades", "BTCUSDT", Day, TimeSpan.FromDays(1));
        var (columns, _) = await CsvChunkDecoder.DecodeAsync(gzip, TardisDatasetsSource.FileOf(key, "memory"), 0, CancellationToken.None);
        return new TickBatch(key.Exchange, key.StartUtc, columns, 0, columns.Count);
    }
}

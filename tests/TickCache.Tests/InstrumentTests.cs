using System.Globalization;
using System.IO.Compression;
using TickCache.Tests.Sources.Binance;

namespace TickCache.Tests;

/// <summary>
/// Binance instrument definitions from the documented contract facts, canonical ids that round-trip, and base-currency
/// amounts: zero-copy where the venue counts base currency, contracts × 100 USD / price for COIN-M BTC — checked against
/// the <c>base_qty</c> column of the bundled COIN-M trades file (converted from the real capture).
/// </summary>
public sealed class InstrumentTests
{
    [Theory]
    [InlineData("binance", "BTCUSDT", "BTC", "USDT", InstrumentKind.Spot, AmountUnit.Base, double.NaN, "BTC-USDT-SPOT@binance")]
    [InlineData("binance", "BTCFDUSD", "BTC", "FDUSD", InstrumentKind.Spot, AmountUnit.Base, double.NaN, "BTC-FDUSD-SPOT@binance")]
    [InlineData("binance-futures", "ETHUSDT", "ETH", "USDT", InstrumentKind.Perpetual, AmountUnit.Base, double.NaN, "ETH-USDT-PERP@binance-futures")]
    [InlineData("binance-futures", "BTCUSDT_240927", "BTC", "USDT", InstrumentKind.Future, AmountUnit.Base, double.NaN, "BTC-USDT-FUT-20240927@binance-futures")]
    [InlineData("binance-delivery", "BTCUSD_PERP", "BTC", "USD", InstrumentKind.Perpetual, AmountUnit.Contracts, 100.0, "BTC-USD-PERP@binance-delivery")]
    [InlineData("binance-delivery", "ETHUSD_PERP", "ETH", "USD", InstrumentKind.Perpetual, AmountUnit.Contracts, 10.0, "ETH-USD-PERP@binance-delivery")]
    [InlineData("binance-delivery", "BTCUSD_241227", "BTC", "USD", InstrumentKind.Future, AmountUnit.Contracts, 100.0, "BTC-USD-FUT-20241227@binance-delivery")]
    public void Binance_Definitions_AndCanonicalIdsThatRoundTrip(string exchange, string symbol, string baseCurrency, string quote, InstrumentKind kind, AmountUnit unit, double contractValue, string canonical)
    {
        using var client = new TickCacheClient(new TickCacheOptions { CacheDirectory = TestData.TempDirectory() });

        var instrument = client.GetInstrument(exchange, symbol)!;

        Assert.Equal((baseCurrency, quote, kind, unit, canonical), (instrument.BaseCurrency, instrument.QuoteCurrency, instrument.Kind, instrument.AmountUnit, instrument.CanonicalId));
        Assert.Equal(contractValue, instrument.ContractValue);
        Assert.Equal(exchange == "binance-delivery", instrument.Inverse);
        Assert.Equal(instrument, client.ResolveInstrument(canonical));
        Assert.False(string.IsNullOrWhiteSpace(instrument.Basis));
    }

    [Theory]
    [InlineData("deribit", "BTC-PERPETUAL")]
    [InlineData("binance", "BTC")]
    [InlineData("binance-delivery", "BTCUSDT")]
    public void UnestablishedVenueOrSymbol_IsNull_NeverAGuess(string exchange, string symbol)
    {
        using var client = new TickCacheClient(new TickCacheOptions { CacheDirectory = TestData.TempDirectory() });

        Assert.Null(client.GetInstrument(exchange, symbol));
    }

    [Theory]
    [InlineData("BTC-USD-PERP@binance-futures")]
    [InlineData("BTC-USDT")]
    [InlineData("BTC-USDT-SWAP@binance")]
    [InlineData("BTC-USD-FUT-2024@binance-delivery")]
    public void NotACanonicalIdOfAKnownInstrument_ResolvesToNull(string id)
    {
        using var client = new TickCacheClient(new TickCacheOptions { CacheDirectory = TestData.TempDirectory() });

        Assert.Null(client.ResolveInstrument(id));
    }

    [Fact]
    public async Task BaseAmounts_CoinM_AreContractsTimesHundredOverPrice_Spot_AreTheAmountsThemselves()
    {
        await using var folder = await BinanceFolder.StartAsync(bundled: true);
        await using var client = folder.Client(TestData.TempDirectory());
        var day = new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc);
        var coinM = client.GetInstrument("binance-delivery", "BTCUSD_PERP")!;
        var spot = client.GetInstrument("binance", "BTCUSDT")!;
        var expected = BaseQty(Path.Combine(BinanceFolder.Bundled, "data/futures/cm/daily/trades/BTCUSD_PERP/BTCUSD_PERP-trades-2024-08-08.zip"));

        var bases = new List<double>();
        var notionals = new List<double>();
        await foreach (var batch in client.GetTradeBatchesAsync(new TickQuery("binance-delivery", TardisDataTypes.Trades, "BTCUSD_PERP", day, day.AddDays(1)) { Source = TickSources.BinancePublicData }))
        {
            bases.AddRange(batch.GetBaseAmounts(coinM).ToArray());
            notionals.AddRange(batch.GetQuoteNotionals(coinM).ToArray());
        }

        Assert.Equal(expected.Count, bases.Count);
        Assert.All(expected.Zip(bases), p => Assert.True(Math.Abs(p.First - p.Second) <= 0.5e-8, $"{p.First} vs {p.Second}"));
        Assert.All(notionals, n => Assert.True(Math.Abs(n - (Math.Round(n / 100) * 100)) < 1e-6, $"{n} is not a whole number of 100 USD contracts"));
        await foreach (var batch in client.GetTradeBatchesAsync(new TickQuery("binance", TardisDataTypes.Trades, "BTCUSDT", day, day.AddDays(1)) { Source = TickSources.BinancePublicData }))
        {
            Assert.True(batch.GetBaseAmounts(spot).Span == batch.Amounts.Span, "spot base amounts are the amounts themselves (no copy)");
        }
    }

    [Fact]
    public async Task QuoteBaseAmounts_CoinM_AreContractsTimesHundredOverTheirSidesPrice_UsdM_AreTheAmounts()
    {
        await using var folder = await BinanceFolder.StartAsync(bundled: true);
        await using var client = folder.Client(TestData.TempDirectory());
        var day = new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc);
        var coinM = client.GetInstrument("binance-delivery", "BTCUSD_PERP")!;
        var usdM = client.GetInstrument("binance-futures", "BTCUSDT")!;

        var rows = 0;
        await foreach (var quotes in client.GetQuoteBatchesAsync(new TickQuery("binance-delivery", TardisDataTypes.Quotes, "BTCUSD_PERP", day, day.AddDays(1)) { Source = TickSources.BinancePublicData }))
        {
            var (bid, ask) = (quotes.GetBidBaseAmounts(coinM).ToArray(), quotes.GetAskBaseAmounts(coinM).ToArray());
            for (var i = 0; i < bid.Length; i++)
            {
                Assert.Equal(quotes.BidAmounts.Span[i] * 100 / quotes.BidPrices.Span[i], bid[i]);
                Assert.Equal(quotes.AskAmounts.Span[i] * 100 / quotes.AskPrices.Span[i], ask[i]);
            }

            rows += bid.Length;
        }

        Assert.Equal(19097, rows);
        await foreach (var quotes in client.GetQuoteBatchesAsync(new TickQuery("binance-futures", TardisDataTypes.Quotes, "BTCUSDT", day, day.AddDays(1)) { Source = TickSources.BinancePublicData }))
        {
            Assert.True(quotes.GetBidBaseAmounts(usdM).Span == quotes.BidAmounts.Span, "USD-M amounts are base currency: no copy");
        }
    }

    private static List<double> BaseQty(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.Entries[0].Open());
        reader.ReadLine(); // header: id,price,qty,base_qty,time,is_buyer_maker
        var values = new List<double>();
        while (reader.ReadLine() is { } line)
        {
            values.Add(double.Parse(line.Split(',')[3], CultureInfo.InvariantCulture));
        }

        return values;
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TickCache.Tests.Sources.Binance;
using TickCache.Sources.Tardis;

namespace TickCache.Tests;

/// <summary>
/// The Tardis instruments API through the emulator (real HTTP over loopback) serving the bundled definitions: the
/// real BitMEX XBTUSD response with its changes[], and Binance definitions written from Binance's published values.
/// </summary>
public sealed class InstrumentsApiTests
{
    private static readonly DateTime Start = new(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task RealBitmexResponse_ParsesEveryField_AndItsChangesApplyAtTheirInstants()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();

        var xbt = Assert.Single(await client.GetInstrumentsAsync("bitmex"));

        Assert.Equal(("bitmex", "XBTUSD", "BTC", "USD", InstrumentKind.Perpetual, true), (xbt.Exchange, xbt.Symbol, xbt.BaseCurrency, xbt.QuoteCurrency, xbt.Kind, xbt.Inverse));
        Assert.Equal((AmountUnit.Contracts, 1.0, 1.0), (xbt.AmountUnit, xbt.ContractValue, xbt.ContractMultiplier));
        Assert.Equal((0.1, 100.0, 100.0, 0.0005, 0.0005), (xbt.PriceIncrement, xbt.AmountIncrement, xbt.MinTradeAmount, xbt.MakerFee, xbt.TakerFee));
        Assert.Equal(new DateTime(2019, 3, 30, 0, 0, 0, DateTimeKind.Utc), xbt.AvailableSinceUtc);
        Assert.Equal("BTC-USD-PERP@bitmex", xbt.CanonicalId);
        Assert.Equal(3, xbt.Changes.Count);

        // Each value holds until its change's instant (exclusive), then the next one named for that field does.
        var priceChange = new DateTime(2024, 7, 31, 4, 0, 0, DateTimeKind.Utc);
        Assert.Equal(0.5, xbt.At(priceChange.AddTicks(-10)).PriceIncrement);
        Assert.Equal(0.1, xbt.At(priceChange).PriceIncrement);
        var feeChange = new DateTime(2024, 10, 22, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal((0.0002, 0.00075), (xbt.At(feeChange.AddTicks(-10)).MakerFee, xbt.At(feeChange.AddTicks(-10)).TakerFee));
        Assert.Equal((0.0005, 0.0005), (xbt.At(feeChange).MakerFee, xbt.At(feeChange).TakerFee));
        var early = xbt.At(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal((1.0, 1.0, 0.5, 0.0002, 0.00075), (early.AmountIncrement, early.MinTradeAmount, early.PriceIncrement, early.MakerFee, early.TakerFee));
        Assert.Empty(early.Changes);
        var later = xbt.At(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal((100.0, 0.1, 0.0005), (later.AmountIncrement, later.PriceIncrement, later.MakerFee));
        Assert.Throws<ArgumentException>(() => xbt.At(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Local)));
    }

    [Fact]
    public async Task Listing_IsReadOnce_StoredInTheCacheFolder_ServesTheNextProcessOffline_AndRefreshesAfterTheInterval()
    {
        await using var harness = await Harness.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(Start));
        using (var client = harness.Client(o => o.TimeProvider = time))
        {
            Assert.Single(await client.GetInstrumentsAsync("binance-delivery"));
            Assert.Single(await client.GetInstrumentsAsync("binance-delivery", new InstrumentFilter(BaseCurrency: "btc")));
            Assert.Empty(await client.GetInstrumentsAsync("binance-delivery", new InstrumentFilter(Kind: InstrumentKind.Spot)));
            Assert.Equal(1, harness.Emulator.InstrumentRequests);
        }

        Assert.Single(harness.CachedFiles(), f => f.EndsWith(Path.Combine("metadata", "v1", "tardis-datasets", "instruments", "binance-delivery.json"), StringComparison.Ordinal));
        using (var offline = harness.Client(o => { o.TimeProvider = time; o.MetadataEndpoint = DeadEndpoint(); o.ApiKey = null; }))
        {
            var perp = await offline.GetInstrumentAsync("binance-delivery", "btcusd_perp");
            Assert.Equal((AmountUnit.Contracts, 100.0, 0.1), (perp!.AmountUnit, perp.ContractValue, perp.PriceIncrement));
            Assert.StartsWith("Tardis instruments API", perp.Basis, StringComparison.Ordinal);
        }

        time.Advance(TimeSpan.FromDays(1));
        using (var client = harness.Client(o => o.TimeProvider = time))
        {
            Assert.Single(await client.GetInstrumentsAsync("binance-delivery"));
            Assert.Equal(2, harness.Emulator.InstrumentRequests);
        }
    }

    [Fact]
    public async Task RefreshThatFails_ServesTheStoredCopy_AndAsksAgainOnlyAfterAMinute()
    {
        var cache = TestData.TempDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(Start));
        await using (var good = await Harness.StartAsync())
        {
            using var client = good.Client(o => { o.TimeProvider = time; o.CacheDirectory = cache; });
            await client.GetInstrumentsAsync("bitmex");
        }

        var damaged = TestData.TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(damaged, "bitmex.json"), "[{\"id\": \"XBTUSD\"}]"); // no currencies: refused by the parser
        await using var broken = await Harness.StartAsync(o => o.InstrumentsDirectory = damaged);
        using var stale = broken.Client(o => { o.TimeProvider = time; o.CacheDirectory = cache; });
        time.Advance(TimeSpan.FromDays(2));

        Assert.Equal(0.1, Assert.Single(await stale.GetInstrumentsAsync("bitmex")).PriceIncrement);
        Assert.Equal(1, broken.Emulator.InstrumentRequests);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Single(await stale.GetInstrumentsAsync("bitmex"));
        Assert.Equal(1, broken.Emulator.InstrumentRequests);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Single(await stale.GetInstrumentsAsync("bitmex"));
        Assert.Equal(2, broken.Emulator.InstrumentRequests);
        using var offline = broken.Client(o => { o.TimeProvider = time; o.CacheDirectory = cache; o.MetadataEndpoint = DeadEndpoint(); });
        Assert.Equal("XBTUSD", Assert.Single(await offline.GetInstrumentsAsync("bitmex")).Symbol);
    }

    [Fact]
    public async Task NoKey_AndNothingStored_IsAClearErrorBeforeAnyRequest_ButBinanceFactsStillAnswer()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client(o => o.ApiKey = null);

        var e = await Assert.ThrowsAsync<UpstreamRequestException>(() => client.GetInstrumentsAsync("bitmex"));
        Assert.Contains("needs an API key", e.Message, StringComparison.Ordinal);
        Assert.Contains(TickCacheOptions.ApiKeyEnvironmentVariable, e.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        await Assert.ThrowsAsync<UpstreamRequestException>(() => client.GetInstrumentAsync("bitmex", "XBTUSD"));
        Assert.Equal(0, harness.Emulator.InstrumentRequests);

        var facts = await client.GetInstrumentAsync("binance-delivery", "BTCUSD_PERP");
        Assert.Equal((AmountUnit.Contracts, 100.0), (facts!.AmountUnit, facts.ContractValue));
        Assert.Equal("BTC-USD-PERP@binance-delivery", (await client.ResolveInstrumentAsync("btc-usd-perp@binance-delivery")).CanonicalId);
    }

    [Fact]
    public async Task WrongKey_UnknownExchange_AndDamagedBody_AreClearErrors_NeverStored_NeverTheKey()
    {
        await using var harness = await Harness.StartAsync();
        using (var wrong = harness.Client(o => o.ApiKey = "tk_wrong_key_0000"))
        {
            var e = await Assert.ThrowsAsync<UpstreamRequestException>(() => wrong.GetInstrumentsAsync("bitmex"));
            Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
            Assert.DoesNotContain("tk_wrong_key_0000", e.Message, StringComparison.Ordinal);
            Assert.Contains("Check the API key", e.Message, StringComparison.Ordinal);
        }

        using var client = harness.Client();
        var unknown = await Assert.ThrowsAsync<UpstreamRequestException>(() => client.GetInstrumentsAsync("no-such-venue"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'no-such-venue' is not a supported exchange", unknown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.CachedFiles(), f => f.Contains("metadata", StringComparison.Ordinal));

        var folder = TestData.TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder, "bitmex.json"), "[{\"id\": \"XBTUSD\", \"type\": \"perpetual\"");
        await using var broken = await Harness.StartAsync(o => o.InstrumentsDirectory = folder);
        using var brokenClient = broken.Client();
        await Assert.ThrowsAsync<UpstreamUnavailableException>(() => brokenClient.GetInstrumentsAsync("bitmex"));
        Assert.DoesNotContain(broken.CachedFiles(), f => f.Contains("metadata", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DamagedStoredCopy_IsDeletedAndReadAgain_NotServed()
    {
        await using var harness = await Harness.StartAsync();
        using (var client = harness.Client())
        {
            await client.GetInstrumentsAsync("bitmex");
        }

        var stored = Assert.Single(harness.CachedFiles(), f => f.EndsWith("bitmex.json", StringComparison.Ordinal));
        var bytes = await File.ReadAllBytesAsync(stored);
        bytes[^20] ^= 0x20; // one flipped bit in the body: the hash no longer matches
        await File.WriteAllBytesAsync(stored, bytes);

        using var next = harness.Client();
        Assert.Equal("XBTUSD", Assert.Single(await next.GetInstrumentsAsync("bitmex")).Symbol);
        Assert.Equal(2, harness.Emulator.InstrumentRequests);
    }

    [Fact]
    public async Task CanonicalIds_ResolveThroughTheListing_AndAnUnknownOneNamesTheNearest()
    {
        await using var harness = await Harness.StartAsync();
        using var client = harness.Client();

        var xbt = await client.ResolveInstrumentAsync("BTC-USD-PERP@bitmex");
        Assert.Equal("XBTUSD", xbt.Symbol);
        var query = TickQuery.For(xbt, TardisDataTypes.Trades, Start, Start.AddDays(1));
        Assert.Equal(("bitmex", "XBTUSD"), (query.Exchange, Assert.Single(query.Symbols)));
        Assert.Throws<ArgumentNullException>(() => TickQuery.For(null!, TardisDataTypes.Trades, Start, Start.AddDays(1)));
        var listed = await client.GetInstrumentsAsync("binance-futures");
        Assert.NotEmpty(listed);
        foreach (var instrument in listed)
        {
            Assert.Equal(instrument.Symbol, (await client.ResolveInstrumentAsync(instrument.CanonicalId)).Symbol);
        }

        var e = await Assert.ThrowsAsync<ArgumentException>(() => client.ResolveInstrumentAsync("BTC-USD-PRP@bitmex"));
        Assert.Contains("nearest known ones are BTC-USD-PERP@bitmex", e.Message, StringComparison.Ordinal);
        Assert.Equal("canonicalId", e.ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => client.ResolveInstrumentAsync("BTCUSD"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ResolveInstrumentAsync("BTC-USD-PERP@Bit Mex"));
    }

    [Fact]
    public async Task ContractValueChange_AppliesPerRowAtItsInstant_OnRealCoinMTrades()
    {
        await using var folder = await BinanceFolder.StartAsync(bundled: true);
        await using var client = folder.Client(TestData.TempDirectory());
        var day = new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc);
        var query = new TickQuery("binance-delivery", TardisDataTypes.Trades, "BTCUSD_PERP", day, day.AddDays(1)) { Source = TickSources.BinancePublicData };
        var rows = new List<(long Timestamp, double Price, double Amount)>();
        await foreach (var batch in client.GetTradeBatchesAsync(query))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                rows.Add((batch.Timestamps.Span[i], batch.Prices.Span[i], batch.Amounts.Span[i]));
            }
        }

        // A hypothetical history: 10 USD per contract until the middle row's instant, 100 USD from then on.
        var until = rows[rows.Count / 2].Timestamp;
        var untilUtc = DateTime.UnixEpoch.AddTicks(until * 10);
        var instrument = client.GetInstrument("binance-delivery", "BTCUSD_PERP")! with { ContractMultiplier = 100, Changes = [new InstrumentChange(untilUtc, ContractMultiplier: 10)] };

        var bases = new List<double>();
        await foreach (var batch in client.GetTradeBatchesAsync(query))
        {
            bases.AddRange(batch.GetBaseAmounts(instrument).ToArray());
        }

        Assert.Equal(rows.Count, bases.Count);
        Assert.Contains(rows, r => r.Timestamp < until);
        for (var i = 0; i < rows.Count; i++)
        {
            var value = rows[i].Timestamp < until ? 10 : 100;
            Assert.Equal(rows[i].Amount * value / rows[i].Price, bases[i]);
        }

        Assert.Equal(10, instrument.At(untilUtc.AddTicks(-10)).ContractValue);
        Assert.Equal(100, instrument.At(untilUtc).ContractValue);
    }

    [Theory]
    [InlineData("binance", "spot", false, double.NaN, AmountUnit.Base)]
    [InlineData("okex", "spot", false, double.NaN, AmountUnit.Base)]
    [InlineData("binance-futures", "perpetual", false, 1.0, AmountUnit.Base)]
    [InlineData("bybit", "perpetual", false, double.NaN, AmountUnit.Base)]
    [InlineData("okex-swap", "perpetual", false, 0.01, AmountUnit.Unknown)]
    [InlineData("bitmex", "perpetual", false, 1.0, AmountUnit.Unknown)]
    [InlineData("binance-delivery", "perpetual", true, 100.0, AmountUnit.Contracts)]
    [InlineData("bitmex", "perpetual", true, 1.0, AmountUnit.Contracts)]
    [InlineData("deribit", "perpetual", true, 10.0, AmountUnit.Quote)]
    [InlineData("deribit", "future", true, 10.0, AmountUnit.Quote)]
    [InlineData("okex-swap", "perpetual", true, 100.0, AmountUnit.Unknown)]
    [InlineData("deribit", "option", false, 1.0, AmountUnit.Unknown)]
    public void AmountUnits_PerVenue_AreOnlyWhatIsEstablished(string exchange, string type, bool inverse, double multiplier, AmountUnit unit)
    {
        var json = JsonSerializer.Serialize(new { id = "X", baseCurrency = "btc", quoteCurrency = "usd", type, inverse, contractMultiplier = double.IsNaN(multiplier) ? (double?)null : multiplier, expiry = "2024-12-27T08:00:00.000Z", strikePrice = 60000, optionType = "call" });
        using var document = JsonDocument.Parse(json);

        var instrument = TardisInstruments.ParseOne(exchange, document.RootElement)!;

        Assert.Equal(unit, instrument.AmountUnit);
        Assert.Equal(unit == AmountUnit.Unknown, double.IsNaN(instrument.BaseAmount(3, 60000)));
        Assert.Contains("Tardis instruments API", instrument.Basis, StringComparison.Ordinal);
        if (type == "option")
        {
            Assert.Equal("BTC-USD-OPT-20241227-60000-C@deribit", instrument.CanonicalId);
        }
    }

    [Fact]
    public void Combos_AreLeftOut_AndADefinitionWithoutCurrenciesIsRefused()
    {
        using var combo = JsonDocument.Parse("""[{"id":"BTC-FS-27DEC24_PERP","type":"combo","baseCurrency":"BTC","quoteCurrency":"USD"}]""");
        Assert.Empty(TardisInstruments.Parse("deribit", combo.RootElement));
        using var bad = JsonDocument.Parse("""[{"id":"X","type":"spot"}]""");
        Assert.Throws<InvalidOperationException>(() => TardisInstruments.Parse("okex", bad.RootElement));
    }

    [Fact]
    public void RefreshInterval_OutOfRange_IsRefusedNamingTheSetting()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TickCacheClient(new TickCacheOptions { CacheDirectory = TestData.TempDirectory(), InstrumentsRefreshInterval = TimeSpan.FromSeconds(5) }));
        Assert.Contains("InstrumentsRefreshInterval", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A loopback address nothing listens on (connection refused at once).</summary>
    private static Uri DeadEndpoint()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/v1");
    }
}

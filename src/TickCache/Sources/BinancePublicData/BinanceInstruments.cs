using System.Globalization;

namespace TickCache.Sources.BinancePublicData;

/// <summary>
/// Instrument definitions of Binance's three markets built from documented facts, not from an API: spot pairs and USD-M
/// (linear) contracts count <c>amount</c> in base currency; COIN-M (inverse) contracts count it in contracts of 100 USD
/// for BTC and 10 USD for every other coin (Binance COIN-M contract specifications, as in the shared references
/// binance-public-data.md and tardis-api.md). Symbols: spot <c>{BASE}{QUOTE}</c>; USD-M <c>{BASE}{QUOTE}</c> (perpetual)
/// or <c>{BASE}{QUOTE}_{yyMMdd}</c> (quarterly); COIN-M <c>{BASE}USD_PERP</c> or <c>{BASE}USD_{yyMMdd}</c>. Pure.
/// </summary>
internal static class BinanceInstruments
{
    private const string Basis = "Binance contract specifications (shared references binance-public-data.md, tardis-api.md)";

    /// <summary>Quote assets of spot pairs and USD-M contracts, longest first (so FDUSD is not read as …USD).</summary>
    private static readonly string[] Quotes = ["FDUSD", "USDT", "USDC", "BUSD", "TUSD", "BTC", "ETH", "BNB", "EUR", "TRY", "BRL", "JPY", "DAI"];

    public static Instrument? Describe(string exchange, string symbol) => exchange switch
    {
        "binance" => Split(symbol) is var (b, q) ? new(exchange, symbol, b, q, InstrumentKind.Spot, null, false, AmountUnit.Base, double.NaN, Basis + ": spot amounts are base currency") : null,
        "binance-futures" => Linear(symbol),
        "binance-delivery" => Inverse(symbol),
        _ => null,
    };

    /// <summary>The dataset symbol of a canonical id's parts on a Binance market, or null.</summary>
    public static string? SymbolOf(string exchange, string baseCurrency, string quoteCurrency, InstrumentKind kind, DateTime? expiry) => (exchange, kind) switch
    {
        ("binance", InstrumentKind.Spot) => baseCurrency + quoteCurrency,
        ("binance-futures", InstrumentKind.Perpetual) => baseCurrency + quoteCurrency,
        ("binance-futures", InstrumentKind.Future) => $"{baseCurrency}{quoteCurrency}_{expiry!.Value.ToString("yyMMdd", CultureInfo.InvariantCulture)}",
        ("binance-delivery", InstrumentKind.Perpetual) when quoteCurrency == "USD" => baseCurrency + "USD_PERP",
        ("binance-delivery", InstrumentKind.Future) when quoteCurrency == "USD" => $"{baseCurrency}USD_{expiry!.Value.ToString("yyMMdd", CultureInfo.InvariantCulture)}",
        _ => null,
    };

    private static Instrument? Linear(string symbol)
    {
        var (pair, expiry) = Dated(symbol);
        return pair is not null && Split(pair) is var (b, q)
            ? new("binance-futures", symbol, b, q, expiry is null ? InstrumentKind.Perpetual : InstrumentKind.Future, expiry, false, AmountUnit.Base, double.NaN, Basis + ": USD-M amounts are base currency")
            : null;
    }

    private static Instrument? Inverse(string symbol)
    {
        var perpetual = symbol.EndsWith("USD_PERP", StringComparison.Ordinal);
        var (pair, expiry) = perpetual ? (symbol[..^"_PERP".Length], null) : Dated(symbol);
        if (pair is null || !pair.EndsWith("USD", StringComparison.Ordinal) || pair.Length <= 3)
        {
            return null;
        }

        var coin = pair[..^3];
        var value = coin == "BTC" ? 100 : 10;
        return new("binance-delivery", symbol, coin, "USD", perpetual ? InstrumentKind.Perpetual : InstrumentKind.Future, expiry, true, AmountUnit.Contracts, value,
            Basis + $": COIN-M amounts are contracts of {value} USD ({(coin == "BTC" ? "BTC" : "every coin but BTC")})");
    }

    private static (string? Pair, DateTime? Expiry) Dated(string symbol)
    {
        var underscore = symbol.IndexOf('_', StringComparison.Ordinal);
        if (underscore < 0)
        {
            return (symbol, null);
        }

        return DateTime.TryParseExact(symbol[(underscore + 1)..], "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? (symbol[..underscore], DateTime.SpecifyKind(day, DateTimeKind.Utc))
            : (null, null);
    }

    private static (string Base, string Quote)? Split(string pair)
    {
        foreach (var quote in Quotes)
        {
            if (pair.Length > quote.Length && pair.EndsWith(quote, StringComparison.Ordinal))
            {
                return (pair[..^quote.Length], quote);
            }
        }

        return null;
    }
}

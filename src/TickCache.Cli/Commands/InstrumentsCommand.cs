using System.CommandLine;
using System.Globalization;

namespace TickCache.Cli.Commands;

/// <summary><c>tickcache instruments</c>: an exchange's instrument definitions from the Tardis instruments API (needs the key; stored for offline use).</summary>
internal static class InstrumentsCommand
{
    public static Command Create()
    {
        var exchange = CliOptions.Exchange;
        var baseCurrency = new Option<string?>("--base") { Description = "Only this base currency, e.g. BTC." };
        var quote = new Option<string?>("--quote") { Description = "Only this quote currency, e.g. USDT." };
        var kind = new Option<InstrumentKind?>("--kind") { Description = "Only this kind: spot, perpetual, future or option." };
        var active = new Option<bool?>("--active") { Description = "Only instruments listed today (true) or delisted (false)." };
        var command = CliOptions.Command(
            "instruments",
            "List an exchange's instrument definitions (currencies, what amount counts, contract value, tick size, fees) from the Tardis instruments API; needs the API key, then served from the cache folder.",
            exchange,
            baseCurrency,
            quote,
            kind,
            active);
        command.SetAction((result, cancellationToken) => Cli.Run(async () =>
        {
            using var client = ClientFactory.Create(result);
            var filter = new InstrumentFilter(result.GetValue(baseCurrency), result.GetValue(quote), result.GetValue(kind), result.GetValue(active));
            var instruments = await client.GetInstrumentsAsync(result.GetValue(exchange)!, filter, cancellationToken);
            if (result.GetValue(CliOptions.Json))
            {
                Output.Json(instruments.Select(Row).ToList());
                return 0;
            }

            return Output.Listing(
                instruments,
                json: false,
                string.Empty,
                "instruments",
                ["symbol", "canonical id", "kind", "amount", "contract value", "tick", "maker", "taker", "changes"],
                i => [i.Symbol, i.CanonicalId, i.Kind.ToString().ToLowerInvariant(), i.AmountUnit.ToString().ToLowerInvariant(), Number(i.ContractValue), Number(i.PriceIncrement), Number(i.MakerFee), Number(i.TakerFee), i.Changes.Count.ToString(CultureInfo.InvariantCulture)]);
        }));
        return command;
    }

    /// <summary>The JSON shape: the definition's fields, NaN written as null, enums as lower-case names.</summary>
    private static object Row(Instrument i) => new
    {
        i.Exchange,
        i.Symbol,
        i.CanonicalId,
        i.BaseCurrency,
        i.QuoteCurrency,
        Kind = i.Kind.ToString().ToLowerInvariant(),
        i.Expiry,
        i.Inverse,
        AmountUnit = i.AmountUnit.ToString().ToLowerInvariant(),
        ContractValue = Nullable(i.ContractValue),
        ContractMultiplier = Nullable(i.ContractMultiplier),
        PriceIncrement = Nullable(i.PriceIncrement),
        AmountIncrement = Nullable(i.AmountIncrement),
        MinTradeAmount = Nullable(i.MinTradeAmount),
        MakerFee = Nullable(i.MakerFee),
        TakerFee = Nullable(i.TakerFee),
        StrikePrice = Nullable(i.StrikePrice),
        OptionType = i.OptionType?.ToString().ToLowerInvariant(),
        i.Active,
        i.AvailableSinceUtc,
        i.AvailableToUtc,
        i.Changes,
        i.Basis,
    };

    private static double? Nullable(double value) => double.IsNaN(value) ? null : value;

    private static string Number(double value) => double.IsNaN(value) ? "-" : value.ToString("R", CultureInfo.InvariantCulture);
}

using System.Text.Json;
using static TickCache.Sources.Tardis.TardisJson;

namespace TickCache.Sources.Tardis;

/// <summary>
/// Instrument definitions from the Tardis instruments API (<c>/v1/instruments/{exchange}</c>, fields as in tardis-node
/// <c>instrumentinfo.ts</c>; shared reference tardis-api.md) and what each venue's <c>amount</c> counts. Combos are
/// left out (no single base and quote). Pure.
/// </summary>
internal static class TardisInstruments
{
    /// <summary>The definitions of one listing, in dataset-symbol order.</summary>
    /// <exception cref="InvalidOperationException">The document is not an array of objects with an <c>id</c> and currencies.</exception>
    public static IReadOnlyList<Instrument> Parse(string exchange, JsonElement root) =>
        root.ValueKind != JsonValueKind.Array
            ? throw new InvalidOperationException($"The instruments listing of '{exchange}' is a JSON {root.ValueKind}, not an array.")
            : [.. root.EnumerateArray().Select(e => ParseOne(exchange, e)).OfType<Instrument>().OrderBy(i => i.Symbol, StringComparer.Ordinal)];

    /// <summary>One definition, or null for a kind TickCache does not describe (combos, unknown types).</summary>
    public static Instrument? ParseOne(string exchange, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || Text(e, "id") is not { Length: > 0 } id)
        {
            throw new InvalidOperationException($"An instrument of '{exchange}' has no id.");
        }

        var type = Text(e, "type");
        InstrumentKind? kind = type switch
        {
            "" => throw new InvalidOperationException($"The instrument '{id}' of '{exchange}' has no type."),
            "spot" => InstrumentKind.Spot,
            "perpetual" => InstrumentKind.Perpetual,
            "future" => InstrumentKind.Future,
            "option" => InstrumentKind.Option,
            _ => null,
        };
        if (kind is not { } k)
        {
            return null;
        }

        var (baseCurrency, quote) = (Text(e, "baseCurrency").ToUpperInvariant(), Text(e, "quoteCurrency").ToUpperInvariant());
        if (baseCurrency.Length == 0 || quote.Length == 0)
        {
            throw new InvalidOperationException($"The instrument '{id}' of '{exchange}' has no baseCurrency or quoteCurrency.");
        }

        var inverse = Flag(e, "inverse") ?? false;
        var multiplier = Number(e, "contractMultiplier") ?? double.NaN;
        var (unit, why) = TardisAmountUnits.Of(exchange, k, inverse, multiplier);
        var symbol = Text(e, "datasetId") is { Length: > 0 } dataset ? dataset : TardisDatasetsSource.DatasetSymbol(id);
        return new Instrument(exchange, symbol, baseCurrency, quote, k, Date(e, "expiry"), inverse, unit, unit == AmountUnit.Contracts ? multiplier : double.NaN, $"Tardis instruments API ({exchange}/{id}); amount: {why}")
        {
            PriceIncrement = Number(e, "priceIncrement") ?? double.NaN,
            AmountIncrement = Number(e, "amountIncrement") ?? double.NaN,
            MinTradeAmount = Number(e, "minTradeAmount") ?? double.NaN,
            MakerFee = Number(e, "makerFee") ?? double.NaN,
            TakerFee = Number(e, "takerFee") ?? double.NaN,
            ContractMultiplier = multiplier,
            StrikePrice = Number(e, "strikePrice") ?? double.NaN,
            OptionType = Text(e, "optionType") switch { "call" => TickCache.OptionType.Call, "put" => TickCache.OptionType.Put, _ => null },
            Active = Flag(e, "active") ?? true,
            AvailableSinceUtc = Date(e, "availableSince"),
            AvailableToUtc = Date(e, "availableTo"),
            Changes = Changes(e),
        };
    }

    private static InstrumentChange[] Changes(JsonElement e) =>
        e.TryGetProperty("changes", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray()
                .Where(c => c.ValueKind == JsonValueKind.Object && Date(c, "until") is not null)
                .Select(c => new InstrumentChange(Date(c, "until")!.Value, Number(c, "priceIncrement"), Number(c, "amountIncrement"), Number(c, "contractMultiplier"), Number(c, "minTradeAmount"), Number(c, "makerFee"), Number(c, "takerFee")))
                .OrderBy(c => c.UntilUtc)]
            : [];
}

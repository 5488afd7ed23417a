using System.Globalization;

namespace TickCache;

/// <summary>
/// The definition of one instrument of one venue, as TickCache knows it: currencies, kind, what <c>amount</c> counts,
/// the contract value of inverse contracts, tick sizes and fees, their history (<see cref="Changes"/>), and a
/// venue-neutral <see cref="CanonicalId"/>. From <see cref="TickCacheClient.GetInstrument"/> (documented facts) or
/// <see cref="TickCacheClient.GetInstrumentsAsync"/> (the Tardis instruments API); each definition says where its facts
/// come from (<see cref="Basis"/>). Immutable; equality compares <see cref="Changes"/> by reference.
/// </summary>
/// <param name="Exchange">The exchange id, e.g. <c>binance-delivery</c>.</param>
/// <param name="Symbol">The dataset symbol (what a <see cref="TickQuery"/> names), e.g. <c>BTCUSD_PERP</c>.</param>
/// <param name="BaseCurrency">The base currency, e.g. <c>BTC</c>.</param>
/// <param name="QuoteCurrency">The quote currency (the currency of <c>price</c>), e.g. <c>USD</c>.</param>
/// <param name="Kind">Spot, perpetual, dated future or option.</param>
/// <param name="Expiry">The expiry (UTC) of a dated future or an option, else null: the instant when the API gives one, the UTC day for facts-based definitions.</param>
/// <param name="Inverse">True for an inverse (coin-margined) contract.</param>
/// <param name="AmountUnit">What <c>amount</c> counts.</param>
/// <param name="ContractValue">Quote currency per contract when <paramref name="AmountUnit"/> is <see cref="AmountUnit.Contracts"/>, else NaN.</param>
/// <param name="Basis">Where the facts come from (a document or an API), one sentence.</param>
public sealed record Instrument(string Exchange, string Symbol, string BaseCurrency, string QuoteCurrency, InstrumentKind Kind, DateTime? Expiry, bool Inverse, AmountUnit AmountUnit, double ContractValue, string Basis)
{
    /// <summary>Tick size in quote currency (Tardis <c>priceIncrement</c>) now; NaN when not known.</summary>
    public double PriceIncrement { get; init; } = double.NaN;

    /// <summary>Amount step in the venue's <c>amount</c> unit (Tardis <c>amountIncrement</c>) now; NaN when not known.</summary>
    public double AmountIncrement { get; init; } = double.NaN;

    /// <summary>Minimum order amount in the venue's <c>amount</c> unit (Tardis <c>minTradeAmount</c>) now; NaN when not known.</summary>
    public double MinTradeAmount { get; init; } = double.NaN;

    /// <summary>Maker fee as a fraction of notional (0.0002 = 2 bp; negative = rebate; Tardis <c>makerFee</c>) now; NaN when not known.</summary>
    public double MakerFee { get; init; } = double.NaN;

    /// <summary>Taker fee as a fraction of notional (Tardis <c>takerFee</c>) now; NaN when not known.</summary>
    public double TakerFee { get; init; } = double.NaN;

    /// <summary>The venue's contract multiplier as the API reports it (Tardis <c>contractMultiplier</c>) now; NaN when none is given.</summary>
    public double ContractMultiplier { get; init; } = double.NaN;

    /// <summary>The strike in quote currency of an option (Tardis <c>strikePrice</c>), else NaN.</summary>
    public double StrikePrice { get; init; } = double.NaN;

    /// <summary>Call or put for an option (Tardis <c>optionType</c>), else null.</summary>
    public OptionType? OptionType { get; init; }

    /// <summary>Whether the venue lists the instrument today (Tardis <c>active</c>); true for facts-based definitions.</summary>
    public bool Active { get; init; } = true;

    /// <summary>The first instant (UTC) with data (Tardis <c>availableSince</c>), or null when not known.</summary>
    public DateTime? AvailableSinceUtc { get; init; }

    /// <summary>The instant (UTC) after the last data (Tardis <c>availableTo</c>), or null while it trades or when not known.</summary>
    public DateTime? AvailableToUtc { get; init; }

    /// <summary>
    /// The values that were in force before, oldest <see cref="InstrumentChange.UntilUtc"/> first (Tardis <c>changes[]</c>);
    /// empty when the definition never changed or its history is not known.
    /// </summary>
    public IReadOnlyList<InstrumentChange> Changes { get; init; } = [];

    /// <summary>
    /// The venue-neutral id: <c>{BASE}-{QUOTE}-{SPOT|PERP|FUT-yyyyMMdd|OPT-yyyyMMdd-{strike}-{C|P}}@{exchange}</c>, e.g.
    /// <c>BTC-USDT-PERP@binance-futures</c>, <c>BTC-USD-PERP@binance-delivery</c>, <c>BTC-USDT-SPOT@binance</c>,
    /// <c>BTC-USD-FUT-20240927@binance-delivery</c>, <c>BTC-USD-OPT-20241227-60000-C@deribit</c>.
    /// <see cref="TickCacheClient.ResolveInstrument"/> and <see cref="TickCacheClient.ResolveInstrumentAsync"/> turn it back into the venue's symbol.
    /// </summary>
    public string CanonicalId => string.Create(CultureInfo.InvariantCulture, $"{BaseCurrency}-{QuoteCurrency}-{Kind switch
    {
        InstrumentKind.Spot => "SPOT",
        InstrumentKind.Perpetual => "PERP",
        InstrumentKind.Option => $"OPT-{Expiry:yyyyMMdd}-{StrikePrice:R}-{(OptionType == TickCache.OptionType.Put ? "P" : "C")}",
        _ => $"FUT-{Expiry:yyyyMMdd}",
    }}@{Exchange}");

    /// <summary>
    /// The definition in force at <paramref name="utc"/>: for each of tick size, amount step, minimum amount, fees and
    /// contract multiplier, the earliest <see cref="Changes"/> entry with <c>until</c> after the instant that names the
    /// field, else the current value; <see cref="ContractValue"/> follows the multiplier for contracts counted by it. A
    /// snapshot: its <see cref="Changes"/> are empty.
    /// </summary>
    /// <param name="utc">The instant (UTC).</param>
    /// <returns>The definition at that instant (this instance when it never changed).</returns>
    /// <exception cref="ArgumentException"><paramref name="utc"/> is not of kind UTC.</exception>
    public Instrument At(DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException($"The instant {utc:O} is of kind {utc.Kind}; pass a UTC DateTime (DateTimeKind.Utc).", nameof(utc));
        }

        if (Changes.Count == 0)
        {
            return this;
        }

        var multiplier = Pick(utc, c => c.ContractMultiplier) ?? ContractMultiplier;
        return this with
        {
            PriceIncrement = Pick(utc, c => c.PriceIncrement) ?? PriceIncrement,
            AmountIncrement = Pick(utc, c => c.AmountIncrement) ?? AmountIncrement,
            MinTradeAmount = Pick(utc, c => c.MinTradeAmount) ?? MinTradeAmount,
            MakerFee = Pick(utc, c => c.MakerFee) ?? MakerFee,
            TakerFee = Pick(utc, c => c.TakerFee) ?? TakerFee,
            ContractMultiplier = multiplier,
            ContractValue = ContractValueFollowsMultiplier ? multiplier : ContractValue,
            Changes = [],
        };
    }

    /// <summary>The base-currency amount of a row with <paramref name="amount"/> at <paramref name="price"/>, by <see cref="AmountUnit"/> and today's <see cref="ContractValue"/>; NaN when the unit is unknown or the price is not positive.</summary>
    /// <param name="amount">The row's <c>amount</c>.</param>
    /// <param name="price">The row's <c>price</c> (quote currency per base).</param>
    /// <returns>The amount in base currency.</returns>
    public double BaseAmount(double amount, double price) => BaseAmountAt(amount, price, ContractValue);

    /// <summary>True when <see cref="ContractValue"/> is the venue's contract multiplier (contracts priced by it), so it changes with it.</summary>
    private bool ContractValueFollowsMultiplier => AmountUnit == AmountUnit.Contracts && !double.IsNaN(ContractMultiplier);

    /// <summary>
    /// The base amounts of a column of amounts at their prices and exchange timestamps (µs, UTC): the amounts themselves
    /// (no copy) in base units, else a new array, each row at the contract value in force at its time.
    /// </summary>
    internal ReadOnlyMemory<double> BaseAmounts(ReadOnlyMemory<double> amounts, ReadOnlyMemory<double> prices, ReadOnlyMemory<long> timestamps)
    {
        if (AmountUnit == AmountUnit.Base)
        {
            return amounts;
        }

        var a = amounts.Span;
        var p = prices.Span;
        var t = timestamps.Span;
        var values = ContractValues();
        var result = new double[a.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = BaseAmountAt(a[i], p[i], values.Count == 0 ? ContractValue : ValueAt(values, t[i]));
        }

        return result;
    }

    private double BaseAmountAt(double amount, double price, double contractValue) => AmountUnit switch
    {
        AmountUnit.Base => amount,
        AmountUnit.Contracts when price > 0 => amount * contractValue / price,
        AmountUnit.Quote when price > 0 => amount / price,
        _ => double.NaN,
    };

    private double? Pick(DateTime utc, Func<InstrumentChange, double?> field) =>
        Changes.Where(c => c.UntilUtc > utc).Select(field).FirstOrDefault(v => v is not null);

    /// <summary>The contract values in force until each change that names the multiplier (µs, oldest first); empty when it never changed.</summary>
    private List<(long UntilMicros, double Value)> ContractValues() => ContractValueFollowsMultiplier
        ? [.. Changes.Where(c => c.ContractMultiplier is not null).Select(c => (Planning.UnixMicros.From(c.UntilUtc), c.ContractMultiplier!.Value))]
        : [];

    private double ValueAt(List<(long UntilMicros, double Value)> values, long micros)
    {
        foreach (var (until, value) in values)
        {
            if (micros < until)
            {
                return value;
            }
        }

        return ContractValue;
    }
}

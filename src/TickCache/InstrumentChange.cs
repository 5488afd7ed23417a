namespace TickCache;

/// <summary>
/// Values of an <see cref="Instrument"/> that were in force <b>until</b> <see cref="UntilUtc"/> (exclusive) and changed then
/// (Tardis instruments API <c>changes[]</c>). A null field did not change at that instant. Immutable.
/// <see cref="Instrument.At"/> applies them: for each field, the earliest change with <c>until</c> after the instant that
/// names the field gives the value in force; when none does, the current value is.
/// </summary>
/// <param name="UntilUtc">The instant (UTC) from which the values no longer applied.</param>
/// <param name="PriceIncrement">Tick size in quote currency, or null.</param>
/// <param name="AmountIncrement">Amount step in the venue's <c>amount</c> unit, or null.</param>
/// <param name="ContractMultiplier">The venue's contract multiplier, or null.</param>
/// <param name="MinTradeAmount">Minimum order amount in the venue's <c>amount</c> unit, or null.</param>
/// <param name="MakerFee">Maker fee as a fraction of notional (0.0002 = 2 bp; negative = rebate), or null.</param>
/// <param name="TakerFee">Taker fee as a fraction of notional, or null.</param>
public sealed record InstrumentChange(
    DateTime UntilUtc,
    double? PriceIncrement = null,
    double? AmountIncrement = null,
    double? ContractMultiplier = null,
    double? MinTradeAmount = null,
    double? MakerFee = null,
    double? TakerFee = null);

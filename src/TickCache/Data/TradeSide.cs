namespace TickCache;

/// <summary>
/// The taker side of a trade, from the Tardis <c>trades</c> column <c>side</c> (<c>buy</c>, <c>sell</c> or <c>unknown</c>).
/// Stored as one byte per row in <see cref="TradeBatch.Sides"/> and in the on-disk Parquet column <c>side</c>.
/// </summary>
public enum TradeSide : byte
{
    /// <summary>The exchange did not say which side was the taker (Tardis <c>unknown</c>).</summary>
    Unknown = 0,

    /// <summary>The taker bought: the trade lifted an ask (Tardis <c>buy</c>).</summary>
    Buy = 1,

    /// <summary>The taker sold: the trade hit a bid (Tardis <c>sell</c>).</summary>
    Sell = 2,
}

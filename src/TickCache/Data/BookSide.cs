namespace TickCache;

/// <summary>The side of an order-book level, from the Tardis <c>incremental_book_L2</c> column <c>side</c> (<c>bid</c>/<c>ask</c>).</summary>
public enum BookSide : byte
{
    /// <summary>Buy side (Tardis <c>bid</c>).</summary>
    Bid = 1,

    /// <summary>Sell side (Tardis <c>ask</c>).</summary>
    Ask = 2,
}

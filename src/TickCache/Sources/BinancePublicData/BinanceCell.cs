namespace TickCache.Sources.BinancePublicData;

/// <summary>How one column of a Binance CSV file is read into the shared schema.</summary>
internal enum BinanceCell
{
    /// <summary>The row id (trade id, aggregate id) into <c>id</c>.</summary>
    Id,

    /// <summary>A decimal number into the target double columns.</summary>
    Double,

    /// <summary>An integer into the target int64 columns.</summary>
    Int64,

    /// <summary>A time (ms or µs since the epoch, one unit per file) into the target columns, as µs.</summary>
    Time,

    /// <summary><c>is_buyer_maker</c> into <c>side</c>: true = the taker sold (<c>sell</c>), false = <c>buy</c>.</summary>
    Side,

    /// <summary>A number the shared schema has no column for (checked, then dropped), e.g. <c>quote_qty</c>.</summary>
    DroppedNumber,

    /// <summary>A boolean the shared schema has no column for (checked, then dropped), e.g. <c>is_best_match</c>.</summary>
    DroppedBool,
}

namespace TickCache;

/// <summary>One price level of a book snapshot: price in quote currency, amount in base currency or contracts (NaN for a level the book did not have).</summary>
/// <param name="Price">Level price.</param>
/// <param name="Amount">Level size.</param>
public readonly record struct BookLevel(double Price, double Amount);

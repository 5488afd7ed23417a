namespace TickCache.Sources.BinancePublicData;

/// <summary>One column of a Binance CSV file: its name in the file's header, how it is read, and the shared-schema columns it fills.</summary>
/// <param name="Name">The header name, e.g. <c>is_buyer_maker</c>.</param>
/// <param name="Cell">How the cell is read.</param>
/// <param name="Targets">The schema columns it fills (none for dropped columns).</param>
internal sealed record BinanceColumn(string Name, BinanceCell Cell, params string[] Targets);

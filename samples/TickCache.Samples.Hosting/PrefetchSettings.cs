namespace TickCache.Samples.Hosting;

/// <summary>What <see cref="PrefetchOnStart"/> loads: trades of these symbols over [From, To) (UTC days).</summary>
internal sealed class PrefetchSettings
{
    public string Exchange { get; set; } = "binance-futures";

    public List<string> Symbols { get; set; } = [];

    public DateTime From { get; set; }

    public DateTime To { get; set; }
}

namespace TickCache;

/// <summary>The kind of an option, from the Tardis <c>options_chain</c> column <c>type</c> (<c>call</c>/<c>put</c>).</summary>
public enum OptionType : byte
{
    /// <summary>A call (Tardis <c>call</c>).</summary>
    Call = 1,

    /// <summary>A put (Tardis <c>put</c>).</summary>
    Put = 2,
}

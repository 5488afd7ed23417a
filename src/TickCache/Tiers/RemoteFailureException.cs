namespace TickCache.Tiers;

/// <summary>
/// An L3 call failed: the store threw, or our deadline passed. Internal: the tier counts it as a miss and the breaker
/// counts it as a failure; it never reaches a caller. The message names the store and the exception type, nothing that
/// could hold a credential.
/// </summary>
internal sealed class RemoteFailureException : Exception
{
    public RemoteFailureException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    public RemoteFailureException()
    {
    }

    public RemoteFailureException(string message)
        : base(message)
    {
    }
}

using StackExchange.Redis;

namespace TickCache.Remote.Redis;

/// <summary>A read-only stream over a pooled value from <c>GET</c>; disposing it returns the buffer. Not thread-safe.</summary>
internal sealed class LeaseStream(Lease<byte> lease)
    : MemoryStream(lease.ArraySegment.Array!, lease.ArraySegment.Offset, lease.ArraySegment.Count, writable: false)
{
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lease.Dispose();
        }

        base.Dispose(disposing);
    }
}

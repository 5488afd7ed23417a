namespace TickCache.Planning;

/// <summary>Conversions between <see cref="DateTime"/> (UTC) and µs since the Unix epoch, the Tardis time unit.</summary>
internal static class UnixMicros
{
    public static long From(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    public static DateTime ToDateTime(long micros) => new(DateTime.UnixEpoch.Ticks + (micros * TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
}

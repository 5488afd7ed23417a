using System.Runtime.CompilerServices;
using TickCache.Formats;

namespace TickCache.Tests;

/// <summary>
/// For the whole test run, pooled column arrays are overwritten with junk when they go back to the pool: any test that
/// reads a batch whose arrays were given back (a lifetime bug in the pipeline) then sees wrong values and fails.
/// </summary>
internal static class PoolPoisoning
{
    [ModuleInitializer]
    internal static void Enable() => ColumnPool.PoisonOnReturn = true;
}

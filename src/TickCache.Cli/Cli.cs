namespace TickCache.Cli;

/// <summary>Runs a command body with the documented exit codes: 0 ok (or the body's own), 2 bad arguments, 3 a source error, 130 cancelled.</summary>
internal static class Cli
{
    public static async Task<int> Run(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            Output.Error(e.Message);
            return 2;
        }
        catch (TickCacheException e)
        {
            Output.Error(e.Message);
            return 3;
        }
        catch (OperationCanceledException)
        {
            Output.Error("cancelled: what was stored stays stored; run the command again to go on.");
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException)
        {
            Output.Error($"{e.GetType().Name}: {e.Message}");
            return 3;
        }
    }
}

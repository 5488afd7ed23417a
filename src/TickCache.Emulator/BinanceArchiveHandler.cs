using Microsoft.AspNetCore.Http;

namespace TickCache.Emulator;

/// <summary>
/// Serves Binance's public-data layout from <see cref="EmulatorOptions.BinanceDataDirectory"/>:
/// <c>/data/{market}/{daily|monthly}/{dataType}/{SYMBOL}/{file}.zip</c> and <c>….zip.CHECKSUM</c>, as the archive does:
/// the file's bytes, 404 for any file it does not have (no listing, no key), and the emulator's rate limit, latency and
/// queued faults like every file request.
/// </summary>
internal sealed class BinanceArchiveHandler(TardisEmulator emulator, string root)
{
    private readonly string _root = Path.GetFullPath(root);

    public Task HandleAsync(HttpContext context, string path) => RequestRules.RunAsync(context, emulator, () => RespondAsync(context, path));

    private async Task RespondAsync(HttpContext context, string path)
    {
        var response = context.Response;
        if (RequestRules.Answered(context, emulator, out var fault))
        {
            return;
        }

        var file = Path.GetFullPath(Path.Combine(_root, "data", path));
        var served = (path.EndsWith(".zip", StringComparison.Ordinal) || path.EndsWith(".zip.CHECKSUM", StringComparison.Ordinal))
            && file.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && File.Exists(file);
        if (!served)
        {
            response.StatusCode = 404;
            return;
        }

        response.ContentType = path.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : "text/plain";
        var bytes = await File.ReadAllBytesAsync(file, context.RequestAborted);
        emulator.CountBodyBytes(bytes.Length);
        await RequestRules.WriteAsync(context, bytes, fault);
    }
}

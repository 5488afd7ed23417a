using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace TickCache.Emulator;

/// <summary>Serves <c>/v1/{exchange}/{dataType}/{yyyy}/{MM}/{dd}/{symbol}.csv.gz</c> with the Tardis rules.</summary>
internal sealed class DatasetsHandler(TardisEmulator emulator)
{
    private static readonly byte[] EmptyGzip = CreateEmptyGzip();

    public Task HandleAsync(HttpContext context, string exchange, string dataType, string yyyy, string mm, string dd, string file) =>
        RequestRules.RunAsync(context, emulator, () => RespondAsync(context, exchange, dataType, $"{yyyy}-{mm}-{dd}", file));

    private async Task RespondAsync(HttpContext context, string exchange, string dataType, string date, string file)
    {
        var response = context.Response;
        if (RequestRules.Answered(context, emulator, out var fault))
        {
            return;
        }

        if (!file.EndsWith(".csv.gz", StringComparison.Ordinal)
            || !DateTime.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
        {
            response.StatusCode = 400;
            return;
        }

        var symbol = file[..^".csv.gz".Length];
        if (day.Day != 1 && emulator.Options.ApiKey is { } key
            && !string.Equals(context.Request.Headers.Authorization.ToString(), "Bearer " + key, StringComparison.Ordinal))
        {
            response.StatusCode = 401;
            await response.WriteAsync("Unauthorized: a valid API key is required for days other than the first of a month.");
            return;
        }

        var types = emulator.Catalog.Exchange(exchange);
        if (types is null || !types.TryGetValue(dataType, out var symbols) || !symbols.ContainsKey(symbol))
        {
            response.StatusCode = 404;
            return;
        }

        var source = emulator.Catalog.PathOf(exchange, dataType, day, symbol);
        response.ContentType = "application/gzip";
        if (fault is null && File.Exists(source))
        {
            // Streamed from the file (no per-request copy of a 40 MB day in the server's memory).
            var length = new FileInfo(source).Length;
            response.ContentLength = length;
            await response.SendFileAsync(source, context.RequestAborted);
            emulator.CountBodyBytes(length);
            return;
        }

        var bytes = File.Exists(source) ? await File.ReadAllBytesAsync(source, context.RequestAborted) : EmptyGzip;
        emulator.CountBodyBytes(bytes.Length);
        await RequestRules.WriteAsync(context, bytes, fault);
    }

    /// <summary>
    /// The 20-byte gzip member of zero bytes that Tardis serves for a day without data: header (no name, OS unknown),
    /// an empty final deflate block, CRC32 0 and size 0. (GZipStream writes nothing at all when nothing is written.)
    /// </summary>
    private static byte[] CreateEmptyGzip() => [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];
}

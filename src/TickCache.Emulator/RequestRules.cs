using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TickCache.Emulator;

/// <summary>
/// The rules every file request of the emulator goes through, whichever protocol it speaks: counted, delayed by the
/// configured latency, held at the test gate, rate limited, faults applied, and the body written whole or damaged as
/// the fault says.
/// </summary>
internal static class RequestRules
{
    /// <summary>Runs <paramref name="respond"/> for a file request inside the counting, latency and gate rules.</summary>
    public static async Task RunAsync(HttpContext context, TardisEmulator emulator, Func<Task> respond)
    {
        emulator.Enter(context.Request.Path.Value ?? string.Empty);
        try
        {
            if (emulator.Options.Latency > TimeSpan.Zero)
            {
                await Task.Delay(emulator.Options.Latency, context.RequestAborted);
            }

            await emulator.Gate.WaitAsync(context.RequestAborted);
            await respond();
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        finally
        {
            emulator.Leave();
        }
    }

    /// <summary>
    /// Applies the rate limit and a queued <c>status</c> fault. Returns true when the response is already answered;
    /// otherwise <paramref name="fault"/> is the body fault to apply (or null).
    /// </summary>
    public static bool Answered(HttpContext context, TardisEmulator emulator, out EmulatorFault? fault)
    {
        var response = context.Response;
        fault = null;
        if (emulator.Limiter is { } limiter)
        {
            using var lease = limiter.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                emulator.CountRateLimited();
                response.StatusCode = 429;
                response.Headers.RetryAfter = "1";
                return true;
            }
        }

        fault = emulator.NextFault();
        if (fault is not { Kind: "status" })
        {
            return false;
        }

        if (fault.StatusCode == 429)
        {
            emulator.CountRateLimited();
        }

        response.StatusCode = fault.StatusCode;
        if (fault.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return true;
    }

    /// <summary>Waits, sending nothing, until the client closes the connection or the emulator stops; then ends the exchange.</summary>
    private static async Task SilentUntilClosedAsync(HttpContext context)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, either.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort(); // the rest of the body never comes
        }
    }

    /// <summary>Writes <paramref name="bytes"/> as the body, damaged as <paramref name="fault"/> says (truncated, an HTML page, aborted mid-body, or stalled).</summary>
    public static async Task WriteAsync(HttpContext context, byte[] bytes, EmulatorFault? fault)
    {
        var response = context.Response;
        switch (fault?.Kind)
        {
            case "truncated":
                response.ContentLength = bytes.Length / 2;
                await response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted);
                return;
            case "not-gzip":
                var html = "<html><body>502 Bad Gateway</body></html>"u8.ToArray();
                response.ContentType = "text/html";
                response.ContentLength = html.Length;
                await response.Body.WriteAsync(html, context.RequestAborted);
                return;
            case "abort":
                response.ContentLength = bytes.Length;
                await response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
                context.Abort();
                return;
            case "stall":
                response.ContentLength = bytes.Length;
                await response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
                await SilentUntilClosedAsync(context);
                return;
            default:
                response.ContentLength = bytes.Length;
                await response.Body.WriteAsync(bytes, context.RequestAborted);
                return;
        }
    }
}

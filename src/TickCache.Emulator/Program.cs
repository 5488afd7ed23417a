using System.Globalization;
using System.Runtime.InteropServices;
using TickCache.Emulator;

var options = new EmulatorOptions { Port = 5123 };
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {args[i]} needs a value.");
    switch (args[i])
    {
        case "--data": options.DataDirectory = Next(); break;
        case "--binance-data": options.BinanceDataDirectory = Next(); break;
        case "--port": options.Port = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--api-key": options.ApiKey = Next(); break;
        case "--instruments": options.InstrumentsDirectory = Next(); break;
        case "--latency-ms": options.Latency = TimeSpan.FromMilliseconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
        case "--rps": options.RequestsPerSecond = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--burst": options.Burst = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--https": options.Https = true; break;
        case "--cert-out": options.CertificatePemPath = Next(); break;
        default:
            Console.Error.WriteLine("usage: TickCache.Emulator --data <dir> [--binance-data <dir>] [--port 5123] [--api-key <key>] [--instruments <dir>] [--latency-ms 0] [--rps 0] [--burst 10] [--https [--cert-out <file.pem>]]");
            return 2;
    }
}

if (string.IsNullOrEmpty(options.DataDirectory))
{
    Console.Error.WriteLine("--data <dir> is required: a folder laid out as v1/{exchange}/{dataType}/{yyyy}/{MM}/{dd}/{symbol}.csv.gz");
    return 2;
}

TardisEmulator emulator;
try
{
    emulator = await TardisEmulator.StartAsync(options);
}
catch (Exception e) when (e is DirectoryNotFoundException or IOException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

await using (emulator)
{
    var stop = new TaskCompletionSource();
    void Stop(PosixSignalContext context)
    {
        context.Cancel = true; // we stop ourselves, cleanly
        stop.TrySetResult();
    }

    // Registered before the ready line: a signal sent as soon as a caller reads it must reach these handlers (one that
    // came earlier was taken by the web host's own lifetime, which stopped the server but never this process).
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    Console.WriteLine($"Tardis emulator serving {emulator.Catalog.Root} at {emulator.BaseAddress} (Ctrl+C or SIGTERM to stop)");
    if (options.BinanceDataDirectory is { } binance)
    {
        Console.WriteLine($"Binance public-data layout of {binance} at {emulator.RootAddress.AbsoluteUri.TrimEnd('/')}/data/");
    }

    await stop.Task;
}

Console.WriteLine("Tardis emulator stopped");
return 0;

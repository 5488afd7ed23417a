using System.Globalization;
using TickCache.Emulator;

var options = new EmulatorOptions { Port = 5123 };
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {args[i]} needs a value.");
    switch (args[i])
    {
        case "--data": options.DataDirectory = Next(); break;
        case "--port": options.Port = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--api-key": options.ApiKey = Next(); break;
        case "--latency-ms": options.Latency = TimeSpan.FromMilliseconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
        case "--rps": options.RequestsPerSecond = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--burst": options.Burst = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--https": options.Https = true; break;
        case "--cert-out": options.CertificatePemPath = Next(); break;
        default:
            Console.Error.WriteLine("usage: TickCache.Emulator --data <dir> [--port 5123] [--api-key <key>] [--latency-ms 0] [--rps 0] [--burst 10] [--https [--cert-out <file.pem>]]");
            return 2;
    }
}

if (string.IsNullOrEmpty(options.DataDirectory))
{
    Console.Error.WriteLine("--data <dir> is required: a folder laid out as v1/{exchange}/{dataType}/{yyyy}/{MM}/{dd}/{symbol}.csv.gz");
    return 2;
}

await using var emulator = await TardisEmulator.StartAsync(options);
Console.WriteLine($"Tardis emulator serving {emulator.Catalog.Root} at {emulator.BaseAddress} (Ctrl+C to stop)");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;
return 0;

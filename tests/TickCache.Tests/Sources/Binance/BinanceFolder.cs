using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using TickCache.Emulator;

namespace TickCache.Tests.Sources.Binance;

/// <summary>
/// A temp folder in Binance's public-data layout (<c>data/{market}/{period}/{fileType}/{SYMBOL}/{SYMBOL}-{fileType}-{date}.zip</c>
/// + <c>.zip.CHECKSUM</c>), filled with bundled real files or files a test writes, served by a real emulator over loopback.
/// </summary>
internal sealed class BinanceFolder : IAsyncDisposable
{
    private BinanceFolder(string root) => Root = root;

    public string Root { get; }

    public TardisEmulator Emulator { get; private set; } = null!;

    /// <summary>The bundled converted real files (samples/data/binance-public-data).</summary>
    public static string Bundled => Path.Combine(TestData.Root, "binance-public-data");

    /// <summary>A folder holding nothing, or a copy of every bundled file when <paramref name="bundled"/>; served at once.</summary>
    public static async Task<BinanceFolder> StartAsync(bool bundled = false)
    {
        var folder = new BinanceFolder(TestData.TempDirectory());
        Directory.CreateDirectory(Path.Combine(folder.Root, "data"));
        if (bundled)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Bundled, "data"), "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder.Root, Path.GetRelativePath(Bundled, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        var empty = Path.Combine(folder.Root, "tardis");
        Directory.CreateDirectory(empty);
        folder.Emulator = await TardisEmulator.StartAsync(new EmulatorOptions { DataDirectory = empty, BinanceDataDirectory = folder.Root });
        return folder;
    }

    /// <summary>The request path of a file, e.g. <c>/data/futures/um/daily/trades/BTCUSDT/BTCUSDT-trades-2024-07-18.zip</c>.</summary>
    public static string PathOf(string market, string period, string fileType, string symbol, string date, string suffix = ".zip") =>
        $"/data/{market}/{period}/{fileType}/{symbol}/{symbol}-{fileType}-{date}{suffix}";

    /// <summary>A client whose Binance endpoint is this folder's emulator, caching under <paramref name="cacheDirectory"/>.</summary>
    public TickCacheClient Client(string cacheDirectory, Action<TickCacheOptions>? configure = null)
    {
        var options = new TickCacheOptions
        {
            CacheDirectory = cacheDirectory,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetries = 2,
        };
        options.BinancePublicData.Endpoint = Emulator.RootAddress;
        configure?.Invoke(options);
        return new TickCacheClient(options);
    }

    /// <summary>Writes a zip holding <paramref name="entries"/> (name → CSV text) and its correct CHECKSUM; returns the zip path.</summary>
    public string WriteZip(string market, string period, string fileType, string symbol, string date, params (string Name, string Csv)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, csv) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(csv));
            }
        }

        return WriteFile(market, period, fileType, symbol, date, buffer.ToArray());
    }

    /// <summary>Writes one CSV as a correct archive file (one entry named like the zip).</summary>
    public string WriteCsv(string market, string period, string fileType, string symbol, string date, string csv) =>
        WriteZip(market, period, fileType, symbol, date, ($"{symbol}-{fileType}-{date}.csv", csv));

    /// <summary>Writes <paramref name="bytes"/> as the zip and their SHA-256 as its CHECKSUM (or <paramref name="checksum"/> verbatim).</summary>
    public string WriteFile(string market, string period, string fileType, string symbol, string date, byte[] bytes, string? checksum = null)
    {
        var zip = Path.Combine(Root, PathOf(market, period, fileType, symbol, date).TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(zip)!);
        File.WriteAllBytes(zip, bytes);
        File.WriteAllText(zip + ".CHECKSUM", checksum ?? $"{Convert.ToHexStringLower(SHA256.HashData(bytes))}  {Path.GetFileName(zip)}\n");
        return zip;
    }

    /// <summary>Copies a bundled file to another date (its checksum recomputed for the new name): a file holding another chunk's rows.</summary>
    public void CopyBundled(string market, string period, string fileType, string symbol, string date, string asDate)
    {
        var source = Path.Combine(Bundled, PathOf(market, period, fileType, symbol, date).TrimStart('/'));
        WriteFile(market, period, fileType, symbol, asDate, File.ReadAllBytes(source));
    }

    public async ValueTask DisposeAsync() => await Emulator.DisposeAsync();
}

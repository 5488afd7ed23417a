namespace TickCache.Emulator;

/// <summary>Settings of a <see cref="TardisEmulator"/>. Read once at start.</summary>
public sealed class EmulatorOptions
{
    /// <summary>
    /// Folder laid out like the datasets URL: <c>{DataDirectory}/v1/{exchange}/{dataType}/{yyyy}/{MM}/{dd}/{symbol}.csv.gz</c>
    /// (a folder that directly holds the exchange folders is accepted too). Required.
    /// </summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>
    /// Optional folder in Binance's public-data layout, served at <c>/data/…</c> (<see cref="TardisEmulator.RootAddress"/> is then
    /// the archive's base address): <c>{BinanceDataDirectory}/data/{spot|futures/um|futures/cm}/{daily|monthly}/{dataType}/{SYMBOL}/{SYMBOL}-{dataType}-{date}.zip</c>
    /// with a <c>.zip.CHECKSUM</c> beside each. The default value is null: not served.
    /// </summary>
    public string? BinanceDataDirectory { get; set; }

    /// <summary>
    /// Folder of instrument definitions served at <c>/v1/instruments/{exchange}</c>: one <c>{exchange}.json</c> per exchange,
    /// each a JSON array in the Tardis instruments API's shape. The default value is null: <c>{DataDirectory}/instruments</c>
    /// when that folder exists, else none (every exchange answers 400, as an unknown one does).
    /// </summary>
    public string? InstrumentsDirectory { get; set; }

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one. The default value is 0.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Serve HTTPS with a self-signed certificate for 127.0.0.1 and localhost, made at start
    /// (<see cref="TardisEmulator.Certificate"/>); clients must trust it explicitly (e.g. Node's
    /// <c>NODE_EXTRA_CA_CERTS</c> with the PEM from <see cref="CertificatePemPath"/>). The default value is false.
    /// </summary>
    public bool Https { get; set; }

    /// <summary>Where to write the HTTPS certificate as PEM (when <see cref="Https"/>); null writes none. The default value is null.</summary>
    public string? CertificatePemPath { get; set; }

    /// <summary>
    /// The API key days other than the first of a month require (<c>Authorization: Bearer …</c>, else 401). When null,
    /// every day is free. The default value is null.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Added latency before every response. The default value is zero.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Server-side token bucket: requests per second allowed; 0 turns the limit off. The default value is 0.</summary>
    public double RequestsPerSecond { get; set; }

    /// <summary>Server-side token bucket capacity. The default value is 10.</summary>
    public int Burst { get; set; } = 10;

    /// <summary>Incident reports (<c>incidentReports</c>) to publish in every exchange's metadata. The default value is none.</summary>
    public IList<EmulatorIncident> Incidents { get; } = [];

    /// <summary><c>datasets.exportedUntil</c> to report; when null, the end of the latest day that has a file. The default value is null.</summary>
    public DateTime? ExportedUntil { get; set; }
}

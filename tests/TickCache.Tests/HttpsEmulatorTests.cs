using TickCache.Emulator;

namespace TickCache.Tests;

public sealed class HttpsEmulatorTests
{
    [Fact]
    public async Task HttpsEmulator_ClientTrustingItsCertificate_ReadsData_DefaultClientRefuses()
    {
        var pem = Path.Combine(TestData.TempDirectory(), "emulator.pem");
        await using var emulator = await TardisEmulator.StartAsync(new EmulatorOptions { DataDirectory = TestData.Root, Https = true, CertificatePemPath = pem });
        Assert.Equal("https", emulator.BaseAddress.Scheme);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", await File.ReadAllTextAsync(pem), StringComparison.Ordinal);
        var query = Harness.Day("binance-futures", "BTCUSDT", 2024, 7, 18);

        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == emulator.Certificate!.GetCertHashString();
        using (var trusting = new TickCacheClient(new TickCacheOptions { CacheDirectory = TestData.TempDirectory(), DatasetsEndpoint = emulator.BaseAddress, MetadataEndpoint = emulator.BaseAddress, HttpHandler = handler }))
        {
            Assert.Equal(974, (await Harness.ReadAllAsync(trusting, query)).Count);
        }

        using var strict = new TickCacheClient(new TickCacheOptions
        {
            CacheDirectory = TestData.TempDirectory(),
            DatasetsEndpoint = emulator.BaseAddress,
            MetadataEndpoint = emulator.BaseAddress,
            MaxRetries = 0,
        });
        var e = await Assert.ThrowsAsync<UpstreamUnavailableException>(() => Harness.ReadAllAsync(strict, query));
        Assert.IsType<HttpRequestException>(e.InnerException);
    }
}

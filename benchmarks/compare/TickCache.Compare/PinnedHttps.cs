using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace TickCache.Compare;

/// <summary>An HTTP handler that trusts exactly the emulator's self-signed certificate (PEM file), nothing else.</summary>
internal static class PinnedHttps
{
    public static SocketsHttpHandler Create(string pemPath)
    {
        using var pinned = X509Certificate2.CreateFromPem(File.ReadAllText(pemPath));
        var thumbprint = pinned.Thumbprint;
        return new SocketsHttpHandler
        {
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && string.Equals(certificate.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase),
            },
        };
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Harness.Core.Tests.Compliance;

/// <summary>A throwaway certificate and key (PEM) for nginx TLS listeners in tests.</summary>
internal static class SelfSignedCertificate
{
    public static void Write(string certPath, string keyPath, string name = "faas.example.no")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(certPath)!);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }
}

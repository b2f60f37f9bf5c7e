namespace Harness.Platform.Gateway;

/// <summary>
/// X-Call-Id values as OpenFaaS makes them (a version-4 UUID per call), from a non-cryptographic generator:
/// <see cref="Guid.NewGuid"/> reads the kernel's random source on every call, one system call per invocation, and a
/// call id only has to be unique, not secret.
/// </summary>
internal static class CallIds
{
    /// <summary>A random (version 4, RFC 4122 variant) UUID in its 36-character form.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (the high nibble of time_hi, little-endian in Guid's layout)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString();
    }
}

namespace Harness.Platform.Local;

/// <summary>The zygote's program (<c>zygote.py</c>, shipped inside the assembly next to the templates).</summary>
internal static class ZygoteScript
{
    private static readonly Lazy<byte[]> Bytes = new(() =>
    {
        using var stream = typeof(ZygoteScript).Assembly.GetManifestResourceStream("prefork/zygote.py")
            ?? throw new InvalidOperationException("missing resource prefork/zygote.py");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    public static byte[] Content => Bytes.Value;
}

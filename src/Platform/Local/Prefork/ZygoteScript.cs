namespace Harness.Platform.Local;

/// <summary>The zygote's program (<c>zygote.py</c>, shipped inside the assembly next to the templates).</summary>
internal static class ZygoteScript
{
    private static readonly Lazy<byte[]> Bytes = new(() => Templates.TemplateCatalog.ReadResource("prefork/zygote.py"));

    public static byte[] Content => Bytes.Value;
}

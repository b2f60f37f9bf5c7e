using Harness.Platform.Contracts;

namespace Harness.Compliance.Nginx;

/// <summary>An nginx configuration that cannot be read, with file, line and column.</summary>
internal sealed class NginxSyntaxException : Exception
{
    public NginxSyntaxException(string file, int line, int column, string message)
        : base(new Diagnostic(file, line, column, "", message).ToString())
    {
    }

    public NginxSyntaxException()
    {
    }

    public NginxSyntaxException(string message)
        : base(message)
    {
    }

    public NginxSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

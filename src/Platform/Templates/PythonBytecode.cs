namespace Harness.Platform.Templates;

/// <summary>
/// Compiles a built Python function folder to bytecode (<c>__pycache__</c>) at build time, like a Docker image build
/// with pip does. With a read-only root the interpreter cannot write its cache, so without this every cold start (and
/// every fork-mode request) would compile the runtime and the handler from source again.
/// </summary>
internal static class PythonBytecode
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Best effort: a file that does not compile (a syntax error in the handler) is left to fail at run time with the
    /// interpreter's own message, as it did before; hash-checked caches stay valid when the folder is copied or unpacked.
    /// </summary>
    public static void Compile(string python, string directory)
    {
        try
        {
            BuildTool.Run(python, ["-m", "compileall", "-q", "--invalidation-mode", "checked-hash", directory], Timeout);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No interpreter to compile with: the function compiles at run time instead.
        }
    }
}

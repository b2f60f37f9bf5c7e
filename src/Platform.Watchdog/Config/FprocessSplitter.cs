namespace Harness.Watchdog.Config;

/// <summary>Splits <c>fprocess</c> on spaces, with no shell and no quoting, as OpenFaaS does.</summary>
internal static class FprocessSplitter
{
    public static IReadOnlyList<string> Split(string fprocess) =>
        fprocess.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

namespace Harness.Watchdog.Execution;

/// <summary>
/// In http mode every request is socket work from end to end (read the call, write it to the upstream, read the answer,
/// write it back), so the watchdog runs it on the socket engine's thread instead of handing each readiness event to a
/// pool thread: Kestrel's <c>UnsafePreferInlineScheduling</c> for the listener and the runtime's inline completions
/// for the upstream client. That saved about two context switches per proxied request (docs/performance/chain.md).
/// The runtime reads its switch from the environment once, when the first socket registers with its engine, so it is
/// set here before any socket exists; the function's processes never see it unless the operator set it himself.
/// </summary>
internal static class InlineSockets
{
    /// <summary>The runtime's switch (System.Net.Sockets, SocketAsyncEngine.Unix).</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    private static volatile bool _setHere;

    /// <summary>Turns inline completions on unless the operator's environment already decides; call before any socket is used.</summary>
    public static void Enable()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
            _setHere = true;
        }
    }

    /// <summary>Whether <paramref name="name"/> is the switch this process set for itself, to be left out of a child's environment.</summary>
    public static bool IsOwnSetting(string name) => _setHere && string.Equals(name, Variable, StringComparison.Ordinal);
}

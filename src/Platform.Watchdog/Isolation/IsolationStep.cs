namespace Harness.Watchdog.Isolation;

/// <summary>One step of a replica's isolation, as its supervisor wrote it: an operation and its arguments.</summary>
internal sealed record IsolationStep(string Operation, IReadOnlyList<string> Arguments)
{
    /// <summary>Every operation and its argument count.</summary>
    public static readonly IReadOnlyDictionary<string, int> Arity = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["setsid"] = 0,
        ["join-cgroup"] = 1,
        ["unshare-mount"] = 0,
        ["make-private"] = 1,
        ["bind"] = 2,
        ["remount-ro"] = 1,
        ["tmpfs"] = 2,
        ["mkdir"] = 1,
        ["move"] = 2,
        ["chdir"] = 1,
        ["sandbox"] = 0,
        ["symlink"] = 2,
        ["dev"] = 2,
        ["proc"] = 1,
        ["pivot-root"] = 1,
        ["hostname"] = 1,
        ["rlimit-nofile"] = 1,
        ["chown"] = 3,
        ["drop-privileges"] = 2,
        ["seccomp"] = 0,
        ["exec"] = 1,
        ["listen-unix"] = 1,
        ["prefork"] = 3,
    };

    public override string ToString() => Arguments.Count == 0 ? Operation : Operation + " " + string.Join(' ', Arguments);
}

using System.Text.Json;

namespace Harness.Platform.Local;

/// <summary>
/// The ask a replica's monitor hands its zygote (by path: the file is the provider's, mode 0600, in the replica's run
/// folder): the uid and gid to drop to, the folder, command line and environment a freshly started server would have,
/// and the cgroups to join.
/// </summary>
internal static class PreforkRequestFile
{
    /// <summary>
    /// What the watchdog passes its upstream: its own environment (without the sd_notify socket it removed), the
    /// upstream's address first; as <c>KEY=value</c> strings.
    /// </summary>
    public static IReadOnlyList<string> ServerEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        var list = new List<string>(environment.Count);
        foreach (var name in new[] { "upstream_url", "upstream_port" })
        {
            if (environment.TryGetValue(name, out var v))
            {
                list.Add(name + "=" + v);
            }
        }

        foreach (var (k, v) in environment)
        {
            if (k is not ("upstream_url" or "upstream_port" or "NOTIFY_SOCKET"))
            {
                list.Add(k + "=" + v);
            }
        }

        return list;
    }

    public static string Write(string runDirectory, int uid, int gid, int openFiles, string python, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> cgroupPaths)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("uid", uid);
            json.WriteNumber("gid", gid);
            json.WriteNumber("nofile", openFiles);
            json.WriteString("cwd", SandboxLayout.FunctionPath);
            json.WriteStartArray("argv");
            json.WriteStringValue(python);
            json.WriteStringValue(PreforkEligibility.ServerScript);
            json.WriteEndArray();
            json.WriteStartArray("env");
            foreach (var entry in ServerEnvironment(environment))
            {
                json.WriteStringValue(entry);
            }

            json.WriteEndArray();
            json.WriteStartArray("cgroups");
            foreach (var path in cgroupPaths)
            {
                json.WriteStringValue(Path.Combine(path, "cgroup.procs"));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        // Not AtomicFile: it is read once, moments later, and never after a crash, so it needs no fsync on the cold path.
        var file = Path.Combine(runDirectory, "prefork.json");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(file, options))
        {
            buffer.Position = 0;
            buffer.CopyTo(stream);
        }

        return file;
    }
}

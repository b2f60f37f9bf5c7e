using System.Collections;
using System.Globalization;
using Harness.Platform.Contracts;

namespace Harness.Watchdog.Config;

/// <summary>Reads <see cref="WatchdogConfig"/> from environment variables, collecting every error rather than the first.</summary>
internal static class WatchdogConfigReader
{
    public static (WatchdogConfig? Config, IReadOnlyList<string> Errors) Read(IDictionary environment)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                env[key] = value;
            }
        }

        var errors = new List<string>();
        string? Get(params string[] names)
        {
            foreach (var name in names)
            {
                if (env.TryGetValue(name, out var v) && v.Length > 0)
                {
                    return v;
                }
            }

            return null;
        }

        int Int(string name, int fallback, int min, int max)
        {
            var text = Get(name);
            if (text is null)
            {
                return fallback;
            }

            if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
            {
                return v;
            }

            errors.Add($"{name}: '{text}' is not an integer between {min} and {max}");
            return fallback;
        }

        TimeSpan Duration(string name, TimeSpan fallback)
        {
            var text = Get(name);
            if (text is null)
            {
                return fallback;
            }

            if (GoDuration.TryParse(text, out var v) && v >= TimeSpan.Zero)
            {
                return v;
            }

            errors.Add($"{name}: '{text}' is not a duration (an integer number of seconds, or e.g. 1500ms, 1m30s)");
            return fallback;
        }

        bool Bool(string name, bool fallback)
        {
            var text = Get(name);
            if (text is null)
            {
                return fallback;
            }

            switch (text.Trim().ToLowerInvariant())
            {
                case "true" or "1" or "yes" or "on":
                    return true;
                case "false" or "0" or "no" or "off":
                    return false;
                default:
                    errors.Add($"{name}: '{text}' is not a boolean (true or false)");
                    return fallback;
            }
        }

        var modeText = Get("mode");
        var mode = WatchdogMode.Serializing;
        if (modeText is not null)
        {
            switch (modeText.Trim().ToLowerInvariant())
            {
                case "serializing" or "fork" or "classic":
                    mode = WatchdogMode.Serializing;
                    break;
                case "streaming":
                    mode = WatchdogMode.Streaming;
                    break;
                case "http":
                    mode = WatchdogMode.Http;
                    break;
                default:
                    errors.Add($"mode: '{modeText}' is not a mode (serializing, streaming or http)");
                    break;
            }
        }

        var fprocessText = Get("fprocess", "function_process");
        var fprocess = fprocessText is null ? [] : FprocessSplitter.Split(fprocessText);
        if (fprocess.Count == 0)
        {
            errors.Add("fprocess: not set; set the fprocess environment variable to the command to run for each request, e.g. fprocess=\"cat\"");
        }

        Uri? upstream = null;
        var upstreamText = Get("upstream_url", "http_upstream_url");
        if (upstreamText is not null)
        {
            if (Uri.TryCreate(upstreamText.Trim(), UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttp)
            {
                upstream = u;
            }
            else
            {
                errors.Add($"upstream_url: '{upstreamText}' is not an absolute http:// URL");
            }
        }
        else if (mode == WatchdogMode.Http)
        {
            errors.Add("upstream_url: not set; http mode needs the URL the function listens on, e.g. upstream_url=http://127.0.0.1:5000 (port 0: the watchdog picks a free port and passes it as upstream_port)");
        }

        var writeTimeout = Duration("write_timeout", TimeSpan.FromSeconds(30));
        if (writeTimeout == TimeSpan.Zero)
        {
            errors.Add("write_timeout: must be greater than 0");
        }

        var bind = Get("bind_address") ?? "0.0.0.0";
        if (!System.Net.IPAddress.TryParse(bind, out _))
        {
            errors.Add($"bind_address: '{bind}' is not an IP address");
        }

        var config = new WatchdogConfig
        {
            Port = Int("port", 8080, 0, 65535),
            BindAddress = bind,
            MetricsPort = Int("metrics_port", 0, 0, 65535),
            UnixSocket = string.IsNullOrWhiteSpace(Get("unix_socket")) ? null : Get("unix_socket")!.Trim(),
            Fprocess = fprocess,
            Mode = mode,
            UpstreamUrl = upstream,
            ReadTimeout = Duration("read_timeout", TimeSpan.FromSeconds(30)),
            WriteTimeout = writeTimeout,
            ExecTimeout = Duration("exec_timeout", TimeSpan.Zero),
            HealthcheckInterval = Duration("healthcheck_interval", writeTimeout),
            MaxInflight = Int("max_inflight", 0, 0, int.MaxValue),
            ContentType = Get("content_type") ?? "",
            CombineOutput = Bool("combine_output", true),
            WriteDebug = Bool("write_debug", false),
            LogCallId = Bool("log_call_id", false),
            SuppressLock = Bool("suppress_lock", false),
            SchedBatch = Bool("sched_batch", false),
            LockPath = Get("lock_path") ?? "/tmp/.lock",
            CgiHeaders = Bool("cgi_headers", true),
            CgiResponse = Bool("cgi_response", false),
            ForkServer = Get("fork_server") is null ? null : Bool("fork_server", true),
        };

        return errors.Count == 0 ? (config, errors) : (null, errors);
    }
}

using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Harness.Platform.Client;

/// <summary>
/// faas-cli's credential store (<c>~/.openfaas/config.yml</c>), read and written in its exact format so that a
/// login with either tool serves both. Entries are keyed by the gateway URL without a trailing '/'.
/// </summary>
public sealed class FaasCliConfig
{
    internal const string FileName = "config.yml";

    private static readonly IDeserializer Reader = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();
    private static readonly ISerializer Writer = new SerializerBuilder()
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    /// <summary>The store in <paramref name="directory"/> (see <see cref="ResolveDirectory"/>); nothing is read until a lookup.</summary>
    /// <remarks>Every call reads or rewrites the file; no state is cached, so instances are cheap and hold no handle.</remarks>
    public FaasCliConfig(string directory)
    {
        Directory = directory;
        FilePath = Path.Combine(directory, FileName);
    }

    internal string Directory { get; }

    /// <summary>The config file's full path (<c>DIRECTORY/config.yml</c>), whether or not it exists yet.</summary>
    public string FilePath { get; }

    /// <summary>
    /// faas-cli's choice of folder: <c>OPENFAAS_CONFIG</c>, else <c>./.openfaas</c> when <c>CI</c> is true,
    /// else <c>~/.openfaas</c>.
    /// </summary>
    public static string ResolveDirectory(IReadOnlyDictionary<string, string> environment, string homeDirectory, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.TryGetValue("OPENFAAS_CONFIG", out var overridden) && overridden.Length > 0)
        {
            return overridden;
        }

        if (environment.TryGetValue("CI", out var ci) && (ci == "1" || string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase)))
        {
            return Path.Combine(currentDirectory, ".openfaas");
        }

        return Path.Combine(homeDirectory, ".openfaas");
    }

    /// <summary>The stored credentials for <paramref name="gateway"/>, or null when there are none.</summary>
    public GatewayCredentials? Lookup(string gateway)
    {
        var key = Normalise(gateway);
        var entry = Load().Auths.FirstOrDefault(a => a.Gateway is not null && Normalise(a.Gateway) == key);
        return entry is null ? null : GatewayCredentials.FromStored(entry.Auth, entry.Token);
    }

    /// <summary>Adds or replaces the entry for <paramref name="gateway"/>, keeping every other entry as it was.</summary>
    public void Save(string gateway, GatewayCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var key = Normalise(gateway);
        var file = Load();
        var entry = new FaasCliAuthEntry { Gateway = key, Auth = credentials.Kind, Token = credentials.Token };
        var index = file.Auths.FindIndex(a => a.Gateway is not null && Normalise(a.Gateway) == key);
        if (index < 0)
        {
            file.Auths.Add(entry);
        }
        else
        {
            file.Auths[index] = entry;
        }

        Write(file);
    }

    /// <summary>Removes the entry for <paramref name="gateway"/>; false when there was none.</summary>
    public bool Remove(string gateway)
    {
        var key = Normalise(gateway);
        var file = Load();
        var removed = file.Auths.RemoveAll(a => a.Gateway is not null && Normalise(a.Gateway) == key);
        if (removed > 0)
        {
            Write(file);
        }

        return removed > 0;
    }

    private static string Normalise(string gateway) => gateway.TrimEnd('/');

    private FaasCliConfigFile Load()
    {
        if (!File.Exists(FilePath))
        {
            return new FaasCliConfigFile();
        }

        var text = File.ReadAllText(FilePath);
        try
        {
            var file = Reader.Deserialize<FaasCliConfigFile?>(text) ?? new FaasCliConfigFile();
            file.Auths ??= [];
            return file;
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{FilePath}:{ex.Start.Line}:{ex.Start.Column}: not a faas-cli config file: {ex.Message}", ex);
        }
    }

    // Written to a temporary file and renamed, so a crash never leaves half a credential file; 0600 like faas-cli.
    private void Write(FaasCliConfigFile file)
    {
        if (!OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory);
        }

        Local.AtomicFile.Write(FilePath, System.Text.Encoding.UTF8.GetBytes(Writer.Serialize(file)));
    }
}

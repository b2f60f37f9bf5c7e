namespace Harness.Platform.Local;

/// <summary>Which isolation this machine allows, and why not when it does not (said once at start and on each deploy it affects).</summary>
internal sealed record Isolation(bool Cgroups, string? CgroupsUnavailableReason, bool MountNamespace, string? MountNamespaceUnavailableReason)
{
    /// <summary>Replicas run in the sandbox (see <see cref="SandboxLayout"/>): needs root, Linux on x86-64 and mount namespaces.</summary>
    public bool Sandbox { get; init; }

    public string? SandboxUnavailableReason { get; init; }

    public static Isolation Detect(LocalProviderOptions options)
    {
        bool cgroups;
        string? cgReason = null;
        if (!options.UseCgroups)
        {
            cgroups = false;
            cgReason = "cgroups are turned off in the provider options";
        }
        else
        {
            cgroups = CgroupV1.IsAvailable(options.CgroupRoot, out var r);
            cgReason = cgroups ? null : r;
        }

        bool mounts;
        string? mReason = null;
        if (!options.UseMountNamespace)
        {
            mounts = false;
            mReason = "mount namespaces are turned off in the provider options";
        }
        else if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            mounts = false;
            mReason = "a private mount namespace needs root";
        }
        else
        {
            try
            {
                // The bind-mount target must exist on the host; it stays an empty folder outside the replicas' namespaces.
                Directory.CreateDirectory(Contracts.PlatformDefaults.SecretMountPath);
                mounts = true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                mounts = false;
                mReason = $"cannot create {Contracts.PlatformDefaults.SecretMountPath}: {ex.Message}";
            }
        }

        string? sandboxReason = null;
        if (!options.UseSandbox)
        {
            sandboxReason = "the sandbox is turned off in the provider options";
        }
        else if (!mounts)
        {
            sandboxReason = mReason;
        }
        else if (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            sandboxReason = "the sandbox's system call filter is written for x86-64 only";
        }

        return new Isolation(cgroups, cgReason, mounts, mReason) { Sandbox = sandboxReason is null, SandboxUnavailableReason = sandboxReason };
    }
}

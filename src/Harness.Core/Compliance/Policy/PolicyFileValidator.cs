using Harness.Compliance.Jurisdiction;
using Harness.Platform.Contracts;

namespace Harness.Compliance.Policy;

/// <summary>Checks a policy file before a run starts (the target file's <c>policy:</c>), so a bad policy stops the run before anything is measured.</summary>
internal static class PolicyFileValidator
{
    /// <summary>Every problem with the policy file (a missing file has line 0), so the run can refuse to start.</summary>
    public static IReadOnlyList<Diagnostic> Validate(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return [new Diagnostic(path, 0, 0, "policy", $"no such file: {path}")];
        }

        try
        {
            PolicyLoader.Parse(Harness.Platform.Files.UserFile.ReadAllBytes(path), path, JurisdictionCatalog.Default);
            return [];
        }
        catch (PolicyLoadException ex)
        {
            return ex.Diagnostics;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [new Diagnostic(path, 0, 0, "policy", ex.Message)];
        }
    }
}

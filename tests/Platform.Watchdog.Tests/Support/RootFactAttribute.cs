namespace Harness.Platform.Watchdog.Tests.Support;

/// <summary>A fact that needs root (a private mount namespace); skipped with the reason when not root.</summary>
internal sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root (private mount namespaces); run the tests as root to cover it";
        }
    }
}

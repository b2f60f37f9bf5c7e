namespace Harness.Platform.Client;

/// <summary>How faas-cli's deploy treats a function that may already exist.</summary>
public enum DeployMode
{
    /// <summary><c>--update=true</c> (the default): PUT, then POST when the gateway says 404.</summary>
    Update,

    /// <summary><c>--replace</c>: DELETE (a 404 is fine), then POST.</summary>
    Replace,

    /// <summary><c>--update=false</c>: POST only.</summary>
    Create,
}

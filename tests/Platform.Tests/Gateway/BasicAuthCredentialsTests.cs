using Harness.Platform.Gateway;
using Xunit;

namespace Harness.Platform.Tests.Gateway;

public sealed class BasicAuthCredentialsTests
{
    [Fact]
    public void Its_text_names_the_user_and_never_the_password()
    {
        var credentials = new BasicAuthCredentials("admin", "s3cret-Pa55word");

        var text = credentials.ToString();

        Assert.Contains("admin", text);
        Assert.DoesNotContain("s3cret-Pa55word", text);
        Assert.DoesNotContain("s3cret-Pa55word", $"{credentials}");
    }
}

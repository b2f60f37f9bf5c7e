using YamlDotNet.Serialization;

namespace Harness.Platform.Client;

/// <summary>faas-cli's <c>config.yml</c> shape: <c>auths: [{gateway, auth, token, options}]</c>.</summary>
internal sealed class FaasCliConfigFile
{
    [YamlMember(Alias = "auths")]
    public List<FaasCliAuthEntry> Auths { get; set; } = [];
}

using Harness.Targets;

namespace Harness.Core.Tests.Targets;

/// <summary>The one record a target file becomes: its node section and declared location come with it, so no consumer re-reads the file.</summary>
public sealed class TargetDefinitionTests
{
    [Fact]
    public void The_record_carries_the_node_section_and_the_declared_location()
    {
        var result = TargetFileParser.Parse("kind: embedded\nlocation: {country: NO, city: Oslo}\nnode: local\n", "t.yml");
        var target = Assert.IsType<TargetDefinition>(result.Target);
        Assert.True(target.Node.Declared);
        Assert.True(target.Node.IsLocal);
        Assert.Equal("NO", target.DeclaredLocation!.Country);
        Assert.Equal("NO / Oslo", target.DeclaredLocation.Text);
        Assert.Equal("t.yml:2:11", target.DeclaredLocation.Evidence.Location);
    }

    [Fact]
    public void Without_a_node_section_the_node_is_this_machine_undeclared()
    {
        var target = TargetFileParser.Parse("kind: embedded\nlocation: \"SE / Stockholm\"\n", "t.yml").Target!;
        Assert.False(target.Node.Declared);
        Assert.Equal("SE", target.DeclaredLocation!.Country);
    }

    [Fact]
    public void A_country_that_is_no_iso_code_is_an_error_at_its_position()
    {
        var result = TargetFileParser.Parse("kind: embedded\nlocation: {country: XX}\n", "t.yml");
        Assert.Null(result.Target);
        Assert.Equal("t.yml:2:21: location.country: \"XX\" is not an ISO 3166-1 alpha-2 code", Assert.Single(result.Diagnostics).ToString());
    }
}

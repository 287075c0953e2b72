using System.Text.Json.Nodes;

namespace SpecCake.Tests.Integrations;

internal static class JsonAssert
{
    /// <summary>The JSON documents are equal (key order aside), showing both when not.</summary>
    public static void Equal(string expected, JsonNode actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(
            JsonNode.DeepEquals(expectedNode, actual),
            $"JSON differs.\nExpected:\n{expectedNode?.ToJsonString()}\nActual:\n{actual.ToJsonString()}");
    }
}

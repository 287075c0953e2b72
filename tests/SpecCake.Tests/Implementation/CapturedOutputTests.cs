using SpecCake.Configuration;
using SpecCake.Implementation;

namespace SpecCake.Tests.Implementation;

public sealed class CapturedOutputTests
{
    private const string Secret = "sk-ant-api03-very-5ecret-value-0123456789";

    [Fact]
    public void Append_SecretInALine_IsMaskedInFileTailAndLines()
    {
        using var folder = new TempFolder("capture");
        var path = folder.Combine("output.log");
        var lines = new List<string>();
        using (var output = new CapturedOutput(Masker(), path, 1_000_000, 1000, lines.Add))
        {
            output.Append($"key={Secret}\nsecond ");
            output.Append($"{Secret[..10]}");
            output.Append($"{Secret[10..]} end");
            output.Flush();

            Assert.Equal("key=***\nsecond *** end", output.Tail);
        }

        Assert.Equal(["key=***", "second *** end"], lines);
        Assert.Equal("key=***\nsecond *** end", File.ReadAllText(path));
    }

    [Fact]
    public void Append_SecretAcrossTheCutOfAVeryLongLine_IsStillMasked()
    {
        using var output = new CapturedOutput(Masker(), null, 0, 10 * CapturedOutput.MaxLineLength);
        // The secret straddles the point where the first piece of the line is cut.
        var filler = new string('a', CapturedOutput.MaxLineLength - 10);
        output.Append(filler + Secret + new string('b', 3 * CapturedOutput.MaxLineLength) + "\n");
        output.Flush();

        Assert.DoesNotContain(Secret[..8], output.Tail, StringComparison.Ordinal);
        Assert.Contains("a***b", output.Tail, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_PastTheFileLimit_CutsTheFileAndSaysSo()
    {
        using var folder = new TempFolder("capture");
        var path = folder.Combine("output.log");
        using (var output = new CapturedOutput(Masker(), path, 100, 50))
        {
            for (var i = 0; i < 100; i++)
            {
                output.Append($"line {i:000}\n");
            }

            Assert.True(output.Truncated);
            Assert.EndsWith("line 099\n", output.Tail, StringComparison.Ordinal);
            Assert.True(output.Tail.Length <= 50);
        }

        var text = File.ReadAllText(path);
        Assert.StartsWith("line 000\n", text, StringComparison.Ordinal);
        Assert.EndsWith("[SpecCake: output cut here, after 99 characters]\n", text, StringComparison.Ordinal);
    }

    private static SecretMasker Masker()
    {
        var masker = new SecretMasker();
        masker.Add(Secret);
        return masker;
    }
}

using SpecCake.Integrations;

namespace SpecCake.Tests.Integrations.Shared;

public sealed class TextLimitTests
{
    [Theory]
    [InlineData(130, 130)]
    [InlineData(131, 130)]
    [InlineData(400, 130)]
    public void Truncate_OneLongWordAtWord_CutWithinTheLimit(int length, int expected)
    {
        var cut = TextLimit.Truncate(new string('a', length), 130, atWord: true);

        Assert.Equal(expected, cut.Length);
        Assert.Equal(length > 130, cut.EndsWith('…'));
    }

    [Fact]
    public void Truncate_WordsAtWord_NeverEndsMidWord()
    {
        var text = string.Join(' ', Enumerable.Repeat("deployment", 20));

        var cut = TextLimit.Truncate(text, 130, atWord: true);

        Assert.True(cut.Length <= 130);
        Assert.EndsWith("deployment…", cut, StringComparison.Ordinal);
        Assert.StartsWith(cut[..^1], text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Truncate_EmojiAtEveryCut_NeverHalfAPair(int shift)
    {
        var text = new string('x', shift) + string.Concat(Enumerable.Repeat("😀", 100));

        for (var max = 2; max < 60; max++)
        {
            var cut = TextLimit.Truncate(text, max);

            Assert.True(cut.Length <= max, $"{cut.Length} > {max}");
            Assert.True(IsWholeText(cut), $"half a pair at {max}: {cut}");
        }
    }

    [Fact]
    public void Truncate_FlagAndFamilyEmoji_CutBetweenGraphemesOnly()
    {
        const string Family = "👨‍👩‍👧‍👦";
        var text = string.Concat(Enumerable.Repeat(Family + "🇩🇪", 10));

        var cut = TextLimit.Truncate(text, 20);

        Assert.Equal(Family + "🇩🇪" + "…", cut);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(2, 10)]
    public void Truncate_Unit_MeasuresWhatTheServiceCounts(int unitNumber, int max)
    {
        var unit = (TextUnit)unitNumber;
        var text = string.Concat(Enumerable.Repeat("é😀", 20));

        var cut = TextLimit.Truncate(text, max, unit);

        Assert.True(TextLimit.Measure(cut, unit) <= max);
        Assert.True(IsWholeText(cut));
    }

    [Fact]
    public void SingleLine_BreaksTabsAndControls_OneSpaceEach()
    {
        Assert.Equal("a b c d", TextLimit.SingleLine("\r\n a\r\n\nb\t\u0000c\u001b\u2028d \n"));
    }

    [Fact]
    public void Clean_ControlCharacters_DroppedLineBreaksKept()
    {
        Assert.Equal("a\nb\n\tc[31m", TextLimit.Clean("a\r\nb\r\tc\u0000\u0007\u001b[31m"));
    }

    private static bool IsWholeText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[++i])))
            {
                return false;
            }

            if (char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
            {
                return false;
            }
        }

        return true;
    }
}

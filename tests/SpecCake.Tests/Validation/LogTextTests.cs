using SpecCake.Validation;

namespace SpecCake.Tests.Validation;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("finished\n::error file=README.md,line=1::INJECTED", "'finished\\n::error file=README.md,line=1::INJECTED'")]
    [InlineData("a\r::error::x", "'a\\r::error::x'")]
    [InlineData("a\u0085b\u2028c\u2029d", "'a\\x85b\\u2028c\\u2029d'")]
    [InlineData("safe\u202Eevil\u2066", "'safe\\u202Eevil\\u2066'")]
    [InlineData("tab\there\0nul\u001b[31m", "'tab\\there\\0nul\\x1B[31m'")]
    [InlineData("x ##[error]legacy", "'x #\\x23[error]legacy'")]
    [InlineData("Café 👩‍💻 ok", "'Café 👩‍💻 ok'")]
    [InlineData("", "''")]
    public void Quoted_HostileValue_ShowsItOnOneHarmlessLine(string value, string expected) =>
        Assert.Equal(expected, LogText.Quoted(value));

    [Fact]
    public void Quoted_LongValue_IsCutWithAnEllipsis() =>
        Assert.Equal("'" + new string('a', 60) + "…'", LogText.Quoted(new string('a', 100)));

    [Fact]
    public void Escaped_LoneSurrogate_IsEscaped() =>
        Assert.Equal("a\\uD800b", LogText.Escaped("a\uD800b"));

    [Theory]
    [InlineData("::error::x", "\\x3A:error::x")]
    [InlineData("  \t::warning::x", "  \t\\x3A:warning::x")]
    [InlineData("first\n::error::second\r::error::third", "first\n\\x3A:error::second\\r::error::third")]
    [InlineData("a ##[set-output name=x]y", "a #\\x23[set-output name=x]y")]
    [InlineData("one\r\ntwo", "one\ntwo")]
    [InlineData("plain: text", "plain: text")]
    public void Guard_Message_NoLineIsAWorkflowCommand(string message, string expected) =>
        Assert.Equal(expected, LogText.Guard(message));
}

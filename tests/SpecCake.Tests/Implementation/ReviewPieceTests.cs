using SpecCake.Implementation;

namespace SpecCake.Tests.Implementation;

/// <summary>The pieces of a review round on their own: the status flip, review comment lines, the permission rules.</summary>
public sealed class ReviewPieceTests
{
    [Theory]
    [InlineData("id: FEAT-0001\nstatus: approved\n", "id: FEAT-0001\nstatus: implemented\n")]
    [InlineData("# head\nid: A-1 # c\nstatus: \"approved\"   # keep\ntitle: 'status: approved'\n", "# head\nid: A-1 # c\nstatus: \"implemented\"   # keep\ntitle: 'status: approved'\n")]
    [InlineData("status: 'approved'\r\nid: A-1\r\n", "status: 'implemented'\r\nid: A-1\r\n")]
    [InlineData("{id: A-1, status: approved, labels: [a, b]}\n", "{id: A-1, status: implemented, labels: [a, b]}\n")]
    [InlineData("meta:\n  status: approved\nacceptance_criteria: [{id: AC-1, text: \"status: approved\"}]\nstatus: approved\n", "meta:\n  status: approved\nacceptance_criteria: [{id: AC-1, text: \"status: approved\"}]\nstatus: implemented\n")]
    [InlineData("reviewers:\n  - status\n  - approved\nstatus:   approved\n", "reviewers:\n  - status\n  - approved\nstatus:   implemented\n")]
    public void MarkImplemented_AnyStyle_ChangesOnlyTheStatusValue(string before, string after)
    {
        Assert.Equal(after, SpecStatusEdit.MarkImplemented(before));
    }

    [Theory]
    [InlineData("id: A-1\nstatus: draft\n")]
    [InlineData("id: A-1\nstatus: implemented\n")]
    [InlineData("id: A-1\nnested:\n  status: approved\n")]
    [InlineData("- status\n- approved\n")]
    public void MarkImplemented_NothingApprovedAtTheTop_ChangesNothing(string text)
    {
        Assert.Null(SpecStatusEdit.MarkImplemented(text));
    }

    [Fact]
    public void MarkImplementedFile_WithByteOrderMark_KeepsItAndEveryOtherByte()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "id: A-1\nstatus: approved # ü\n"u8.ToArray()]);

            Assert.True(SpecStatusEdit.MarkImplementedFile(path));

            Assert.Equal([0xEF, 0xBB, 0xBF, .. "id: A-1\nstatus: implemented # ü\n"u8.ToArray()], File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("@@ -10,3 +12,4 @@\n a\n+b\n+c", 14)]
    [InlineData("@@ -1 +1 @@\n-old\n+new", 1)]
    [InlineData("@@ -5,2 +5,1 @@\n keep\n-removed", 6)]
    [InlineData("not a hunk", null)]
    public void LineOf_DiffHunk_IsTheLineTheHunkEndsAt(string hunk, int? line)
    {
        Assert.Equal(line, ReviewConversation.LineOf(hunk));
    }

    [Fact]
    public void From_MoreThanTheCap_KeepsTheNewestAndCountsTheRestAndTheOutsiders()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var items = Enumerable.Range(0, 25).Select(i => new ReviewFeedback("comment", "alice", "MEMBER", null, null, start.AddMinutes(i), $"item {i}"))
            .Append(new ReviewFeedback("comment", "eve", "FIRST_TIME_CONTRIBUTOR", null, null, start.AddHours(2), "outsider"))
            .Append(new ReviewFeedback("comment", "bot", "NONE", null, null, start.AddHours(3), "<!-- speccake:round --> SpecCake's own"))
            .Append(new ReviewFeedback("comment", "alice", "OWNER", null, null, start.AddDays(-1), "answered already"));

        var conversation = ReviewConversation.From(items, since: start);

        Assert.Equal(ReviewConversation.MaxItems, conversation.Heard.Count);
        Assert.Equal("item 24", conversation.Heard[0].Body);
        Assert.Equal((5, 1), (conversation.More, conversation.Ignored));
        Assert.EndsWith("... 5 more", conversation.ToPrompt(text => text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Read", "Read(//repo/**)")]
    [InlineData("Edit(src/**)", "Edit(//repo/src/**)")]
    [InlineData("Edit(/src/**)", "Edit(//repo/src/**)")]
    [InlineData("Write(//repo/docs/*.md)", "Write(//repo/docs/*.md)")]
    [InlineData("Bash(npm test)", "Bash(npm test)")]
    [InlineData("WebFetch(domain:example.com)", "WebFetch(domain:example.com)")]
    [InlineData("Grep", "Grep")]
    public void For_AllowedTool_IsScopedToTheRepository(string rule, string expected)
    {
        var permissions = ClaudeCodePermissions.For(new ImplementationOptions { AllowedTools = [rule] }, "/repo");

        Assert.Equal(expected, Assert.Single(permissions.Allow));
        Assert.True(permissions.Restricted);
        Assert.Contains("Read(//repo/.git/**)", permissions.Deny);
    }

    [Theory]
    [InlineData("Bash")]
    [InlineData("Bash(*)")]
    [InlineData("Read(//etc/**)")]
    [InlineData("Edit(~/.ssh/**)")]
    [InlineData("Edit(../other/**)")]
    [InlineData("Write(//repo-other/**)")]
    public void For_AllowedToolReachingOutside_IsRefusedUnlessAllowed(string rule)
    {
        var error = Assert.Throws<ImplementationException>(() => ClaudeCodePermissions.For(new ImplementationOptions { AllowedTools = [rule] }, "/repo"));
        Assert.StartsWith($"implementation.allowed_tools: '{rule}' is refused: ", error.Message, StringComparison.Ordinal);

        var unrestricted = ClaudeCodePermissions.For(new ImplementationOptions { AllowedTools = [rule], AllowOutsideRepository = true }, "/repo");
        Assert.Equal([rule], unrestricted.Allow);
        Assert.False(unrestricted.Restricted);
    }

    [Fact]
    public void Settings_SandboxAvailableAndACommandAllowed_EnablesItWithoutAnUnsandboxedFallback()
    {
        var permissions = ClaudeCodePermissions.For(new ImplementationOptions { Verify = [new VerifyCommand("npm test")] }, "/my repo");

        Assert.Equal(
            "{\"permissions\":{\"defaultMode\":\"dontAsk\",\"allow\":[\"Read(//my repo/**)\",\"Edit(//my repo/**)\",\"Write(//my repo/**)\",\"Glob\",\"Grep\",\"Bash(npm test)\"]," +
            "\"deny\":[\"Read(//my repo/.git/**)\",\"Edit(//my repo/.git/**)\",\"Edit(//my repo/.artifacts/implement/**)\"]}," +
            "\"sandbox\":{\"enabled\":true,\"failIfUnavailable\":true,\"autoAllowBashIfSandboxed\":false,\"allowUnsandboxedCommands\":false}}",
            permissions.Settings(sandbox: true));
        Assert.DoesNotContain("sandbox", permissions.Settings(sandbox: false), StringComparison.Ordinal);
    }
}

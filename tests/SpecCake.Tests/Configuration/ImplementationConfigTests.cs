using SpecCake.Implementation;

namespace SpecCake.Tests.Configuration;

/// <summary>The <c>implementation:</c> block (docs/design/contract.md#implementspec): defaults, binding, and one located error per mistake.</summary>
public sealed class ImplementationConfigTests
{
    public static TheoryData<string, int, int, string> BadInputs() => new()
    {
        { "implementation:\n  agnet: command\n", 2, 3, "unknown key 'agnet' in implementation; did you mean 'agent'?" },
        { "implementation:\n  agent: codex\n", 2, 10, "implementation.agent has the invalid value 'codex'; valid values: claude-code, command" },
        { "implementation:\n  agent: command\n", 2, 10, "implementation.agent is command but 'command' is not set: add the program and its arguments, e.g. command: [\"my-agent\", \"--yes\"]" },
        { "implementation:\n  command: my-agent --yes\n", 2, 12, "implementation.command must be a list, not the text 'my-agent --yes'" },
        { "implementation:\n  max_attempts: 0\n", 2, 17, "implementation.max_attempts" },
        { "implementation:\n  max_turns: many\n", 2, 14, "implementation.max_turns must be a whole number, not the text 'many'" },
        { "implementation:\n  timeout_minutes: 0\n", 2, 20, "implementation.timeout_minutes" },
        { "implementation:\n  branch: specs/all\n", 2, 11, "the branch pattern must contain {id} (the lower-case spec ID), e.g. \"spec/{id}\"" },
        { "implementation:\n  branch: \"spec/{id}..x\"\n", 2, 11, "implementation.branch 'spec/feat-0001..x' is not a valid git branch name: it may not contain '..', '//' or '@{', nor be '@'." },
        { "implementation:\n  branch: \"spec {id}\"\n", 2, 11, "is not a valid git branch name: it contains a space, a control character or one of ~ ^ : ? * [ \\" },
        { "implementation:\n  prompt_template: prompts/missing.md\n", 2, 20, "implementation.prompt_template: the file 'prompts/missing.md' does not exist (the path is relative to the configuration file)" },
        { "implementation:\n  prompt_template: /dev/zero\n", 2, 20, "implementation.prompt_template: '/dev/zero' is outside the repository; keep the template in it" },
        { "implementation:\n  verify:\n    - {runn: dotnet test}\n", 3, 8, "unknown key 'runn' in implementation.verify[0]; did you mean 'run'?" },
        { "implementation:\n  pull_request:\n    drfat: true\n", 3, 5, "unknown key 'drfat' in implementation.pull_request; did you mean 'draft'?" },
        { "implementation:\n  timeout_minutes: 10\n  agent_timeout_minutes: 20\n", 3, 26, "implementation.agent_timeout_minutes is longer than timeout_minutes (the whole run); make it shorter or leave it out" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Parse_BadImplementationBlock_ReportsTheProblemAtItsLineAndColumn(string yaml, int line, int column, string message)
    {
        var result = TestConfig.Parse(yaml);

        Assert.Null(result.Config);
        Assert.True(
            result.Errors.Any(e => e.Line == line && e.Column == column && e.Message.Contains(message, StringComparison.Ordinal)),
            string.Join("\n", result.Errors));
    }

    [Fact]
    public void Parse_NoImplementationBlock_UsesTheDefaults()
    {
        var options = TestConfig.Parse("specs:\n  paths: [\"specs/**/*.yaml\"]\n").Config!.Implementation;

        Assert.Equal(ImplementationAgent.ClaudeCode, options.Agent);
        Assert.Equal(("claude", "spec/{id}", 3, 60.0, 15.0), (options.Executable, options.Branch, options.MaxAttempts, options.TimeoutMinutes, options.VerifyTimeoutMinutes));
        Assert.Equal(("[{id}] {title}", false, true), (options.PullRequest.Title, options.PullRequest.Draft, options.PullRequest.RequestReviewers));
        Assert.Empty(options.Verify);
        Assert.Null(options.Base);
    }

    [Fact]
    public void Parse_EveryKey_BindsToTheOptions()
    {
        using var folder = new TempFolder("config");
        var directory = folder.Path;
        File.WriteAllText(Path.Combine(directory, "prompt.md"), "Implement {id}.");
        File.WriteAllText(Path.Combine(directory, "specs.config.yaml"), """
            implementation:
              agent: command
              model: opus
              max_turns: 30
              allowed_tools: ["Read", "Bash(npm test)"]
              append_system_prompt: Be brief.
              executable: ./node_modules/.bin/claude
              command: ["my-agent", "--yes"]
              prompt_template: prompt.md
              verify:
                - ./build.sh --target=ValidateSpecs
                - run: dotnet test
                  timeout_minutes: 20.5
              max_attempts: 4
              timeout_minutes: 90
              agent_timeout_minutes: 45
              verify_timeout_minutes: 12
              branch: "ai/{type}/{id}"
              base: develop
              pull_request:
                draft: true
                labels: [spec, ai]
                request_reviewers: false
                title: "{id}: {title}"
                body: "Implements {id}."
            """);

        var result = SpecCake.Configuration.SpecCakeConfigLoader.Load(Path.Combine(directory, "specs.config.yaml"), TestConfig.Environment());

        Assert.Empty(result.Errors);
        var options = result.Config!.Implementation;
        Assert.Equal(ImplementationAgent.Command, options.Agent);
        Assert.Equal(("opus", 30, "Be brief.", "./node_modules/.bin/claude"), (options.Model, options.MaxTurns, options.AppendSystemPrompt, options.Executable));
        Assert.Equal(["Read", "Bash(npm test)"], options.AllowedTools);
        Assert.Equal(["my-agent", "--yes"], options.Command);
        Assert.Equal("prompt.md", options.PromptTemplate);
        Assert.Equal([new VerifyCommand("./build.sh --target=ValidateSpecs"), new VerifyCommand("dotnet test", 20.5)], options.Verify);
        Assert.Equal((4, 90.0, 45.0, 12.0), (options.MaxAttempts, options.TimeoutMinutes, options.AgentTimeoutMinutes, options.VerifyTimeoutMinutes));
        Assert.Equal(("ai/{type}/{id}", "develop"), (options.Branch, options.Base));
        Assert.Equal((true, false, "{id}: {title}", "Implements {id}."), (options.PullRequest.Draft, options.PullRequest.RequestReviewers, options.PullRequest.Title, options.PullRequest.Body));
        Assert.Equal(["spec", "ai"], options.PullRequest.Labels);
    }

    [Fact]
    public void Parse_ClaudeCodeWithoutAnthropicKey_IsValid()
    {
        // The key is ImplementSpec's to require when it runs: validating specs needs no agent.
        var result = TestConfig.Parse("implementation:\n  agent: claude-code\n  verify: [\"dotnet test\"]\n");

        Assert.Empty(result.Errors);
    }
}

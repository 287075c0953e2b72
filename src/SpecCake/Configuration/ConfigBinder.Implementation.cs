using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Implementation;

namespace SpecCake.Configuration;

/// <summary>The <c>implementation</c> block (docs/design/contract.md#implementspec), bound by hand like the rest.</summary>
internal static partial class ConfigBinder
{
    private static ImplementationOptions Implementation(JsonObject? o)
    {
        var d = new ImplementationOptions();
        if (o is null)
        {
            return d;
        }

        return d with
        {
            IsConfigured = true,
            Agent = Text(o["agent"]) == "command" ? ImplementationAgent.Command : ImplementationAgent.ClaudeCode,
            Model = Text(o["model"]),
            MaxTurns = Int(o["max_turns"]),
            AllowedTools = Strings(o["allowed_tools"]) ?? [],
            AllowOutsideRepository = Bool(o["allow_outside_repository"]) ?? d.AllowOutsideRepository,
            MarkImplemented = Bool(o["mark_implemented"]) ?? d.MarkImplemented,
            AppendSystemPrompt = Text(o["append_system_prompt"]),
            Executable = Text(o["executable"]) ?? d.Executable,
            Command = Strings(o["command"]) ?? [],
            PromptTemplate = Text(o["prompt_template"]),
            Verify = VerifyCommands(o["verify"]),
            MaxAttempts = Int(o["max_attempts"]) ?? d.MaxAttempts,
            TimeoutMinutes = Number(o["timeout_minutes"]) ?? d.TimeoutMinutes,
            AgentTimeoutMinutes = Number(o["agent_timeout_minutes"]),
            VerifyTimeoutMinutes = Number(o["verify_timeout_minutes"]) ?? d.VerifyTimeoutMinutes,
            Branch = Text(o["branch"]) ?? d.Branch,
            Base = Text(o["base"]),
            PullRequest = PullRequest(o["pull_request"] as JsonObject),
        };
    }

    private static VerifyCommand[] VerifyCommands(JsonNode? node)
    {
        if (node is not JsonArray array)
        {
            return [];
        }

        var commands = new List<VerifyCommand>(array.Count);
        foreach (var item in array)
        {
            if (Text(item) is { } run)
            {
                commands.Add(new VerifyCommand(run));
            }
            else if (item is JsonObject entry && Text(entry["run"]) is { } command)
            {
                commands.Add(new VerifyCommand(command, Number(entry["timeout_minutes"])));
            }
        }

        return [.. commands];
    }

    private static PullRequestOptions PullRequest(JsonObject? o)
    {
        var d = new PullRequestOptions();
        return o is null
            ? d
            : d with
            {
                Draft = Bool(o["draft"]) ?? d.Draft,
                Labels = Strings(o["labels"]) ?? [],
                RequestReviewers = Bool(o["request_reviewers"]) ?? d.RequestReviewers,
                Title = Text(o["title"]) ?? d.Title,
                Body = Text(o["body"]),
            };
    }
}

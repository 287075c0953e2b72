using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SpecCake.Tests.Implementation.Fakes;

/// <summary>
/// The Anthropic Messages API as Claude Code uses it, on loopback: <c>POST /v1/messages</c>
/// answered with server-sent events (message_start, content_block_start/delta/stop, message_delta
/// with the stop reason, message_stop), scripted per test: each agent request (one with tools)
/// takes the next <see cref="Reply"/> (tool calls, a final text, an HTTP error, a hang); once the
/// script is used up every request ends the turn. Other requests Claude Code makes (token
/// counts, a non-streamed side request) get plausible answers. Everything is recorded.
/// </summary>
public sealed class FakeAnthropicApi : LoopbackServer
{
    private readonly ConcurrentQueue<Reply> _script = new();
    private int _messageCount;

    /// <summary>The requests that ran the agent loop (streamed, with tools), in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> AgentRequests =>
        [.. Requests.Where(request => request.Path == "/v1/messages" && request.Body.Contains("\"tools\"", StringComparison.Ordinal))];

    public static async Task<FakeAnthropicApi> StartAsync(params Reply[] replies)
    {
        var api = new FakeAnthropicApi();
        foreach (var reply in replies)
        {
            api._script.Enqueue(reply);
        }

        await api.ListenAsync();
        return api;
    }

    /// <summary>Adds replies to the script (once the test knows the repository's path).</summary>
    public void Script(params Reply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    protected override void MapRoutes(WebApplication app)
    {
        app.MapPost("/v1/messages/count_tokens", context => WriteJsonAsync(context, new JsonObject { ["input_tokens"] = 42 }));
        app.MapPost("/v1/messages", MessagesAsync);
        app.MapFallback(context => WriteJsonAsync(context, Error("not_found_error", "no such endpoint in the fake"), 404));
    }

    private async Task MessagesAsync(HttpContext context)
    {
        var request = (await ReadJsonAsync(context))!;
        var id = "msg_" + Interlocked.Increment(ref _messageCount).ToString(CultureInfo.InvariantCulture);
        var model = request["model"]?.GetValue<string>() ?? "claude-test";
        var agentTurn = request["tools"] is JsonArray { Count: > 0 };
        var reply = agentTurn && _script.TryDequeue(out var next) ? next : Reply.EndTurn("Done.");

        switch (reply)
        {
            case StatusReply status:
                context.Response.Headers["x-should-retry"] = "true";
                await WriteJsonAsync(context, Error(status.Type, status.Message), status.Code);
                return;
            case HangReply:
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
        }

        var blocks = reply switch
        {
            ToolReply tool => tool.Calls.Select((call, index) => (JsonObject)new JsonObject
            {
                ["type"] = "tool_use",
                ["id"] = $"toolu_{id}_{index}",
                ["name"] = call.Name,
                ["input"] = call.Input.DeepClone(),
            }).ToList(),
            TextReply text => [new JsonObject { ["type"] = "text", ["text"] = text.Text }],
            _ => throw new InvalidOperationException(reply.ToString()),
        };
        var stopReason = reply is ToolReply ? "tool_use" : "end_turn";
        var usage = new JsonObject { ["input_tokens"] = 100, ["output_tokens"] = 20 };

        if (request["stream"]?.GetValue<bool>() != true)
        {
            await WriteJsonAsync(context, new JsonObject
            {
                ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model,
                ["content"] = new JsonArray([.. blocks]), ["stop_reason"] = stopReason, ["stop_sequence"] = null, ["usage"] = usage,
            });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var events = new StringBuilder();
        Event(events, "message_start", new JsonObject
        {
            ["type"] = "message_start",
            ["message"] = new JsonObject
            {
                ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model, ["content"] = new JsonArray(),
                ["stop_reason"] = null, ["stop_sequence"] = null, ["usage"] = new JsonObject { ["input_tokens"] = 100, ["output_tokens"] = 1 },
            },
        });
        for (var index = 0; index < blocks.Count; index++)
        {
            var block = blocks[index];
            if (block["type"]!.GetValue<string>() == "tool_use")
            {
                Event(events, "content_block_start", new JsonObject
                {
                    ["type"] = "content_block_start", ["index"] = index,
                    ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = block["id"]!.GetValue<string>(), ["name"] = block["name"]!.GetValue<string>(), ["input"] = new JsonObject() },
                });
                Event(events, "content_block_delta", new JsonObject
                {
                    ["type"] = "content_block_delta", ["index"] = index,
                    ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = block["input"]!.ToJsonString() },
                });
            }
            else
            {
                Event(events, "content_block_start", new JsonObject
                {
                    ["type"] = "content_block_start", ["index"] = index, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" },
                });
                Event(events, "content_block_delta", new JsonObject
                {
                    ["type"] = "content_block_delta", ["index"] = index, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = block["text"]!.GetValue<string>() },
                });
            }

            Event(events, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index });
        }

        Event(events, "message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = stopReason, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = 20 },
        });
        Event(events, "message_stop", new JsonObject { ["type"] = "message_stop" });
        await context.Response.WriteAsync(events.ToString());
    }

    private static void Event(StringBuilder events, string name, JsonObject data) =>
        events.Append("event: ").Append(name).Append("\ndata: ").Append(data.ToJsonString()).Append("\n\n");

    private static JsonObject Error(string type, string message) =>
        new() { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } };

    /// <summary>One scripted answer to an agent request.</summary>
    public abstract record Reply
    {
        /// <summary>The model calls <c>Write</c> on <paramref name="path"/> (absolute, as Claude Code wants it).</summary>
        public static Reply Write(string path, string content) =>
            new ToolReply([new ToolCall("Write", new JsonObject { ["file_path"] = path, ["content"] = content })]);

        /// <summary>The model calls a tool.</summary>
        public static Reply Tool(string name, JsonObject input) => new ToolReply([new ToolCall(name, input)]);

        /// <summary>The model answers and ends its turn.</summary>
        public static Reply EndTurn(string text) => new TextReply(text);

        /// <summary>The API answers an error, e.g. 529 overloaded.</summary>
        public static Reply Status(int status, string type, string message) => new StatusReply(status, type, message);

        /// <summary>The API never answers.</summary>
        public static Reply Hang() => new HangReply();
    }

    public sealed record ToolCall(string Name, JsonObject Input);

    private sealed record ToolReply(IReadOnlyList<ToolCall> Calls) : Reply;

    private sealed record TextReply(string Text) : Reply;

    private sealed record StatusReply(int Code, string Type, string Message) : Reply;

    private sealed record HangReply : Reply;
}

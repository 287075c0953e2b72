using System.Text;
using System.Text.Json;

namespace SpecCake.Implementation;

/// <summary>
/// What Claude Code may do in an ImplementSpec round, as its own permission system enforces it:
/// <list type="bullet">
/// <item><c>--permission-mode dontAsk</c>: whatever no rule allows is denied, never asked about;</item>
/// <item><c>--restricted</c>: its file tools stay inside the working directory (the repository), its
/// user, project and local settings files are ignored (so nothing the agent writes to
/// <c>.claude/</c> widens a later attempt), and writes to git and settings files need a person;</item>
/// <item>allow rules scoped to the repository by absolute path (<c>Read(//repo/**)</c>,
/// <c>Edit(//repo/**)</c>), deny rules for <c>.git/</c> (the credentials <c>actions/checkout</c>
/// may leave there, hooks that would run at the push) and SpecCake's artifacts;</item>
/// <item>the OS sandbox (bubblewrap on Linux, Seatbelt on macOS) for every command it runs, where
/// it is installed: commands write only inside the repository.</item>
/// </list>
/// The user's <c>allowed_tools</c> are held to the same line: a bare file tool becomes its
/// repository-scoped rule, a path rule outside the repository or a rule for every command (bare
/// <c>Bash</c>) is refused, unless <c>allow_outside_repository: true</c> says to pass them as written.
/// </summary>
/// <param name="Allow">The allow rules.</param>
/// <param name="Deny">The deny rules.</param>
/// <param name="Tools">The built-in tools made available (<c>--tools</c>); empty when unrestricted.</param>
/// <param name="Restricted">Whether <c>--restricted</c> confines the file tools to the repository.</param>
internal sealed record ClaudeCodePermissions(IReadOnlyList<string> Allow, IReadOnlyList<string> Deny, IReadOnlyList<string> Tools, bool Restricted)
{
    /// <summary>The file tools given by default (besides the verify commands).</summary>
    public static readonly IReadOnlyList<string> DefaultTools = ["Read", "Edit", "Write", "Glob", "Grep"];

    // Tools whose rules name files: a bare one means "anywhere", so it is scoped to the repository.
    private static readonly HashSet<string> FileTools = new(StringComparer.Ordinal) { "Read", "Edit", "Write", "MultiEdit", "NotebookEdit" };

    // Tools that search within the working directory; --restricted keeps them there.
    private static readonly HashSet<string> SearchTools = new(StringComparer.Ordinal) { "Glob", "Grep", "LS" };

    /// <summary>The permissions for <paramref name="options"/> in the repository at <paramref name="root"/>.</summary>
    /// <exception cref="ImplementationException">An allowed tool reaches outside the repository and <c>allow_outside_repository</c> is not set.</exception>
    public static ClaudeCodePermissions For(ImplementationOptions options, string root)
    {
        ArgumentNullException.ThrowIfNull(options);
        var repository = "//" + Escape(Path.GetFullPath(root).Replace('\\', '/').TrimStart('/').TrimEnd('/'));
        var verify = options.Verify.Select(command => $"Bash({command.Run})");
        if (options.AllowOutsideRepository)
        {
            // As written, by the configuration's explicit choice.
            var allow = options.AllowedTools.Count > 0 ? options.AllowedTools : [$"Read({repository}/**)", $"Edit({repository}/**)", "Glob", "Grep", .. verify];
            return new ClaudeCodePermissions(allow, [], [], Restricted: false);
        }

        var rules = new List<string>();
        foreach (var rule in options.AllowedTools.Count > 0 ? options.AllowedTools : [.. DefaultTools, .. verify])
        {
            rules.Add(Confine(rule.Trim(), repository, root));
        }

        var tools = new List<string>(DefaultTools);
        foreach (var name in rules.Select(ToolName).Where(name => !name.StartsWith("mcp__", StringComparison.Ordinal)))
        {
            if (!tools.Contains(name, StringComparer.Ordinal))
            {
                tools.Add(name);
            }
        }

        string[] deny = [$"Read({repository}/.git/**)", $"Edit({repository}/.git/**)", $"Edit({repository}/{ImplementationWorkspace.ArtifactsRoot}/**)"];
        return new ClaudeCodePermissions([.. rules.Distinct(StringComparer.Ordinal)], deny, tools, Restricted: true);
    }

    /// <summary>The value of <c>--settings</c>: these rules and the mode, and the OS sandbox when it can run.</summary>
    /// <param name="sandbox">Whether the OS sandbox is installed (commands then run inside it, or not at all).</param>
    public string Settings(bool sandbox)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("permissions");
            json.WriteString("defaultMode", "dontAsk");
            Array(json, "allow", Allow);
            Array(json, "deny", Deny);
            json.WriteEndObject();
            if (sandbox && Allow.Any(rule => ToolName(rule) == "Bash"))
            {
                json.WriteStartObject("sandbox");
                json.WriteBoolean("enabled", true);
                // Installed but failing (no user namespaces): no command runs, rather than unconfined.
                json.WriteBoolean("failIfUnavailable", true);
                // Only the allowed commands run, and only inside the sandbox.
                json.WriteBoolean("autoAllowBashIfSandboxed", false);
                json.WriteBoolean("allowUnsandboxedCommands", false);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Whether the OS sandbox Claude Code uses can run here: Seatbelt on macOS; on Linux,
    /// bubblewrap and socat on the agent's <c>PATH</c>.
    /// </summary>
    public static bool SandboxAvailable(string root, IReadOnlyDictionary<string, string?> environment)
    {
        if (OperatingSystem.IsMacOS())
        {
            return true;
        }

        return OperatingSystem.IsLinux()
            && ExecutableLookup.Find("bwrap", root, environment) is not null
            && ExecutableLookup.Find("socat", root, environment) is not null;
    }

    private static string Confine(string rule, string repository, string root)
    {
        var name = ToolName(rule);
        var open = rule.IndexOf('(', StringComparison.Ordinal);
        var argument = open >= 0 && rule.EndsWith(')') ? rule[(open + 1)..^1].Trim() : null;
        if (name == "Bash" && (argument is null or "" or "*" or ":*"))
        {
            throw Refusal(rule, "it lets the agent run any command");
        }

        if (!FileTools.Contains(name) && !SearchTools.Contains(name))
        {
            return rule;
        }

        if (argument is null or "" or "**" or "*")
        {
            return SearchTools.Contains(name) ? name : $"{name}({repository}/**)";
        }

        // The four forms of a file rule: //absolute, ~/home, /relative to the project, relative.
        string? inside = argument switch
        {
            _ when argument.StartsWith("//", StringComparison.Ordinal) => Inside(root, "/" + argument.TrimStart('/')),
            _ when argument.StartsWith('~') => null,
            _ when argument.StartsWith('/') => Inside(root, Path.Combine(root, argument.TrimStart('/'))),
            _ => Inside(root, Path.Combine(root, argument)),
        };
        if (inside is null || argument.Split('/').Contains(".."))
        {
            throw Refusal(rule, "it names files outside the repository");
        }

        return $"{name}({repository}/{inside})";
    }

    // The pattern relative to the repository root, or null when it points elsewhere.
    private static string? Inside(string root, string pattern)
    {
        var full = pattern.Replace('\\', '/');
        var top = Path.GetFullPath(root).Replace('\\', '/').TrimEnd('/') + "/";
        return full.StartsWith(top, StringComparison.Ordinal) ? full[top.Length..] : null;
    }

    private static ImplementationException Refusal(string rule, string why) => new(
        $"implementation.allowed_tools: '{rule}' is refused: {why}, and ImplementSpec keeps Claude Code inside the repository. " +
        "Remove it (commands go in as Bash(<command>), files as Read(src/**) or Edit(src/**)), or set implementation.allow_outside_repository: true to pass allowed_tools as written.");

    private static string ToolName(string rule)
    {
        var open = rule.IndexOf('(', StringComparison.Ordinal);
        return (open >= 0 ? rule[..open] : rule).Trim();
    }

    // Characters gitignore-style patterns read specially, in the repository's own path.
    private static string Escape(string path)
    {
        var escaped = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c is '*' or '?' or '[' or ']' or '\\' or '!' or '#')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static void Array(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}

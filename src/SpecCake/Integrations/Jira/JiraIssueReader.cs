using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// Reads Jira's issue JSON (from the search or a read of one issue) into a <see cref="JiraIssue"/>,
/// and remembers where each transition it sees leads: an issue already in the target status usually
/// does not offer the transition that got it there, so what other issues offered is what tells
/// "done" from "impossible".
/// </summary>
internal sealed class JiraIssueReader(JiraOptions options, JiraDialect dialect)
{
    private readonly ConcurrentDictionary<string, JiraTransition> _learned = new(StringComparer.Ordinal);

    /// <summary>Where each transition seen so far leads, by transition ID.</summary>
    public IReadOnlyDictionary<string, JiraTransition> Learned => _learned;

    /// <summary>The issue.</summary>
    /// <param name="issue">An issue object with <c>key</c> and <c>fields</c>.</param>
    /// <param name="propertiesRead">Whether its properties were asked for (a read of the issue), whatever the dialect's search returns.</param>
    public JiraIssue Read(TrackerAnswer issue, bool propertiesRead = false)
    {
        var key = issue.String("key");
        var fields = issue.Object("fields");
        var transitions = new List<JiraTransition>();
        foreach (var transition in issue.OptionalArray("transitions"))
        {
            var read = ReadTransition(transition);
            transitions.Add(read);
            _learned.TryAdd(read.Id, read);
        }

        var subtasks = ReadSubtasks(fields);
        var isSubtask = fields.OptionalObject("issuetype")?.OptionalBoolean("subtask") == true;
        var status = fields.OptionalObject("status");
        var property = issue.OptionalObject("properties")?.OptionalObject(JiraWorkflow.PropertyKey);
        return new JiraIssue(key)
        {
            Id = CreationOrder(issue),
            Summary = fields.OptionalString("summary") ?? string.Empty,
            Title = fields.OptionalString("summary") ?? string.Empty,
            DescriptionText = RichText(fields, "description"),
            Labels = [.. fields.OptionalArray("labels").Select(label => label.AsString())],
            StatusId = status?.OptionalString("id"),
            StatusName = status?.OptionalString("name"),
            StatusCategory = status?.OptionalObject("statusCategory")?.OptionalString("key"),
            AppliedStatus = property?.OptionalString("status"),
            AppliedStatusKnown = dialect.SearchReturnsProperties || propertiesRead,
            SpecFieldValue = isSubtask ? null : options.SpecField is { } specField && fields.OptionalValue(specField) is not null ? RichText(fields, specField).Trim() : null,
            CriteriaFieldText = options.CriteriaField is { } criteriaField ? RichText(fields, criteriaField) : string.Empty,
            Transitions = transitions,
            Subtasks = subtasks,
        };
    }

    /// <summary>An issue's sub-tasks, from its <c>subtasks</c> field.</summary>
    public static List<JiraSubtask> ReadSubtasks(TrackerAnswer fields) =>
        [.. fields.OptionalArray("subtasks").Select(subtask => new JiraSubtask(
            subtask.String("key"),
            subtask.OptionalObject("fields")?.OptionalString("summary") ?? string.Empty,
            CreationOrder(subtask)))];

    /// <summary>A transition as Jira lists it on an issue: its ID, name and the status it leads to.</summary>
    public static JiraTransition ReadTransition(TrackerAnswer transition)
    {
        var to = transition.OptionalObject("to");
        return new JiraTransition(
            transition.String("id"),
            transition.OptionalString("name") ?? string.Empty,
            to?.OptionalString("id") ?? string.Empty,
            to?.OptionalString("name") ?? string.Empty);
    }

    /// <summary>Jira hands out numeric IDs in creation order; an issue without one sorts last (never kept over a known one).</summary>
    public static long CreationOrder(TrackerAnswer issue) =>
        long.TryParse(issue.OptionalString("id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : long.MaxValue;

    // A text field is a string on Server and an ADF document (or a plain string) on Cloud.
    private static string RichText(TrackerAnswer fields, string name)
    {
        if (fields.OptionalValue(name) is not { } value)
        {
            return string.Empty;
        }

        var document = $"a string or an Atlassian document {{\"type\":\"doc\",\"content\":[...]}}";
        if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
        {
            throw fields.Unexpected(name, document);
        }

        try
        {
            return AtlassianDocument.PlainText(value);
        }
        catch (InvalidOperationException)
        {
            // A node whose "type" is not a string: the document's walker expects one.
            throw fields.Unexpected(name, document + " whose nodes have string types");
        }
    }
}

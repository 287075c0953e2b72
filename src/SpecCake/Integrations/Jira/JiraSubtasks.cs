using System.Text.Json.Nodes;
using SpecCake.Specs;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// <c>create_subtasks</c>: one sub-task per acceptance criterion, idempotently. A sub-task belongs to
/// its criterion by the <c>AC-1:</c> at the start of its summary, so rewording a criterion updates it
/// instead of adding one. Copies two runs at once leave (exactly SpecCake's summary) are deleted, or,
/// without the permission to delete, give up the criterion's prefix; the oldest stays.
/// </summary>
internal sealed class JiraSubtasks(JiraConnection jira, JiraOptions options)
{
    /// <summary>Whether the issue lacks a criterion's sub-task, has a stale one, or holds copies.</summary>
    public static bool NeedWork(Spec spec, JiraIssue issue) =>
        MissingOrStale(spec, issue).Any() || Duplicates(spec, issue.Subtasks).Any();

    /// <summary>Creates the missing sub-tasks, renames the stale ones and retires copies, then checks no copy is left.</summary>
    public async Task SyncAsync(Spec spec, JiraIssue issue, CancellationToken cancellationToken)
    {
        await RetireDuplicatesAsync(spec, issue.Key, issue.Subtasks, cancellationToken).ConfigureAwait(false);
        var created = false;
        foreach (var criterion in MissingOrStale(spec, issue).ToList())
        {
            if (SubtaskOf(issue.Subtasks, criterion) is { } stale)
            {
                await jira.SendAsync(HttpMethod.Put, $"/issue/{stale.Key}",
                    new JsonObject { ["fields"] = new JsonObject { ["summary"] = Summary(criterion) } }, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var fields = new JsonObject
            {
                ["project"] = new JsonObject { ["key"] = options.ProjectKey },
                ["parent"] = new JsonObject { ["key"] = issue.Key },
                ["issuetype"] = new JsonObject { ["name"] = jira.Dialect.SubtaskTypeName },
                ["summary"] = Summary(criterion),
            };
            await jira.SendAsync(HttpMethod.Post, "/issue", new JsonObject { ["fields"] = fields }, cancellationToken, creates: true).ConfigureAwait(false);
            created = true;
        }

        if (created)
        {
            // Another run may have added the same sub-tasks a moment ago, as both read the issue before: look again
            // and keep the oldest of each (the same rule in every run, so they agree on which stays).
            var again = await ReadAsync(issue.Key, cancellationToken).ConfigureAwait(false);
            await RetireDuplicatesAsync(spec, issue.Key, again, cancellationToken).ConfigureAwait(false);
        }
    }

    private static IEnumerable<AcceptanceCriterion> MissingOrStale(Spec spec, JiraIssue issue) =>
        spec.AcceptanceCriteria.Where(criterion =>
            SubtaskOf(issue.Subtasks, criterion) is not { } subtask || subtask.Summary != Summary(criterion));

    // With several sub-tasks of a criterion (two runs at once), the oldest is the criterion's.
    private static JiraSubtask? SubtaskOf(IReadOnlyList<JiraSubtask> subtasks, AcceptanceCriterion criterion) =>
        subtasks.Where(subtask => subtask.Summary.StartsWith(criterion.Id + ":", StringComparison.Ordinal)).MinBy(subtask => subtask.Id);

    /// <summary>
    /// Copies SpecCake made of a criterion's sub-task (exactly its summary) besides the oldest: what two runs
    /// at once leave. A person's own sub-task with the same prefix but other words is not a copy.
    /// </summary>
    private static IEnumerable<(JiraSubtask Copy, JiraSubtask Kept)> Duplicates(Spec spec, IReadOnlyList<JiraSubtask> subtasks) =>
        spec.AcceptanceCriteria.SelectMany(criterion => SubtaskOf(subtasks, criterion) is { } kept
            ? subtasks.Where(subtask => subtask != kept && subtask.Summary == Summary(criterion)).Select(copy => (copy, kept))
            : []);

    private static string Summary(AcceptanceCriterion criterion) => SpecText.OneLine(SpecText.Criterion(criterion));

    private async Task RetireDuplicatesAsync(Spec spec, string parentKey, IReadOnlyList<JiraSubtask> subtasks, CancellationToken cancellationToken)
    {
        var duplicates = Duplicates(spec, subtasks).ToList();
        if (duplicates.Count == 0)
        {
            return;
        }

        foreach (var (copy, kept) in duplicates)
        {
            try
            {
                await jira.SendAsync(HttpMethod.Delete, $"/issue/{copy.Key}", null, cancellationToken).ConfigureAwait(false);
            }
            catch (TrackerException)
            {
                // Without the "Delete issues" permission the copy gives up the criterion's prefix instead, so no run
                // takes it for the criterion's sub-task again. A copy another run deleted fails both: checked below.
                try
                {
                    await jira.SendAsync(HttpMethod.Put, $"/issue/{copy.Key}",
                        new JsonObject { ["fields"] = new JsonObject { ["summary"] = SpecText.OneLine($"Duplicate of {kept.Key}: {copy.Summary}") } },
                        cancellationToken).ConfigureAwait(false);
                }
                catch (TrackerException)
                {
                    // Gone already, or refused: the look below tells which.
                }
            }
        }

        var left = Duplicates(spec, await ReadAsync(parentKey, cancellationToken).ConfigureAwait(false)).Select(pair => pair.Copy.Key).ToList();
        if (left.Count > 0)
        {
            throw new TrackerException($"{JiraIntegration.ConfigKey}: {parentKey} has duplicate sub-tasks SpecCake could neither delete nor rename: {string.Join(", ", left)}");
        }
    }

    private async Task<List<JiraSubtask>> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var issue = await jira.GetAsync($"/issue/{key}?fields=subtasks", cancellationToken).ConfigureAwait(false);
        return JiraIssueReader.ReadSubtasks(issue.Object("fields"));
    }
}

using System.Text.Json.Nodes;
using SpecCake.Specs;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// Moves a spec's issue where its status says (<see cref="JiraWorkflow"/> decides the route) and
/// records the spec status it applied on the issue, as the <c>speccake</c> entity property, so the
/// next run knows without a transition to go by.
/// </summary>
internal sealed class JiraStatusSync(JiraConnection jira, JiraWorkflow workflow, JiraIssueReader reader)
{
    /// <summary>
    /// The status work the spec asks of its issue: none when nothing is configured for its status or the
    /// recorded spec status already is the spec's (a person may since have moved the issue: that is theirs);
    /// <see cref="TrackerFields.SpecStatus"/> when the issue already is there and only the record is missing;
    /// <see cref="TrackerFields.Status"/> when it has to move.
    /// </summary>
    public async Task<string?> WorkAsync(Spec spec, JiraIssue issue, CancellationToken cancellationToken)
    {
        if (workflow.Goal(spec.Status) is not { } goal)
        {
            return null;
        }

        var current = issue.AppliedStatusKnown ? issue : await ReadAsync(issue.Key, cancellationToken).ConfigureAwait(false);
        if (current.AppliedStatus == goal.Name)
        {
            return null;
        }

        return workflow.Route(goal, current, reader.Learned).Transition is null ? TrackerFields.SpecStatus : TrackerFields.Status;
    }

    /// <summary>
    /// Moves the issue where the spec's status says, from where it is now (read again: another run may be
    /// moving it too), then records the spec status on it.
    /// </summary>
    public async Task ApplyAsync(Spec spec, string key, CancellationToken cancellationToken)
    {
        var goal = workflow.Goal(spec.Status)!;
        var issue = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (issue.AppliedStatus == goal.Name)
        {
            return;
        }

        // At most the approve step, then the implement step.
        for (var step = 0; step < 3; step++)
        {
            var move = workflow.Route(goal, issue, reader.Learned);
            if (move.Transition is not { } transition)
            {
                break;
            }

            try
            {
                await jira.SendAsync(HttpMethod.Post, $"/issue/{key}/transitions",
                    new JsonObject { ["transition"] = new JsonObject { ["id"] = transition.Id } }, cancellationToken).ConfigureAwait(false);
            }
            catch (TrackerException)
            {
                // Refused: fine if someone else moved the issue meanwhile, else the refusal stands.
                var now = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
                if (now.StatusId == issue.StatusId)
                {
                    throw;
                }

                issue = now;
                continue;
            }

            if (!move.Then)
            {
                break;
            }

            issue = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
        }

        await jira.SendAsync(HttpMethod.Put, $"/issue/{key}/properties/{JiraWorkflow.PropertyKey}",
            new JsonObject { ["status"] = goal.Name }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The issue's status, offered transitions and recorded spec status, as they are now.</summary>
    private async Task<JiraIssue> ReadAsync(string key, CancellationToken cancellationToken) =>
        reader.Read(
            await jira.GetAsync($"/issue/{key}?fields=status,labels&expand=transitions&properties={JiraWorkflow.PropertyKey}", cancellationToken).ConfigureAwait(false),
            propertiesRead: true);
}

using System.Text;
using SpecCake.Events;
using SpecCake.Specs;
using SpecCake.Validation;

namespace SpecCake.Tests.Events;

public sealed class SpecEventPayloadTests
{
    [Fact]
    public void Serialize_GuideExample_ExactlyTheGuidesPayload()
    {
        var specEvent = new SpecEvent
        {
            Kind = SpecEventKind.ImplementationCompleted,
            Timestamp = new DateTimeOffset(2025, 1, 19, 12, 0, 0, 123, TimeSpan.Zero),
            Spec = new Spec { Id = "FEAT-0001", Title = "User Authentication", Status = SpecStatus.Implemented, File = "specs/features/FEAT-0001.yaml" },
            PullRequest = new PullRequestReference(42, "https://github.com/org/repo/pull/42"),
            Repository = new RepositoryReference("org", "repo"),
        };

        var json = Encoding.UTF8.GetString(SpecEventPayload.Serialize(specEvent));

        Assert.Equal(
            """{"event":"implementation_completed","timestamp":"2025-01-19T12:00:00Z","spec":{"id":"FEAT-0001","title":"User Authentication","file":"specs/features/FEAT-0001.yaml","status":"implemented"},"pr":{"number":42,"url":"https://github.com/org/repo/pull/42"},"repository":{"owner":"org","name":"repo"}}""",
            json);
    }

    [Fact]
    public void Serialize_ValidationFailed_CarriesErrorsFilesAndRepository()
    {
        var specEvent = SpecEvent.ValidationFailed(
            [
                new ValidationError("specs/features/FEAT-0001.yaml", 3, 9, "status 'done' is not one of draft, review, approved, implemented"),
                new ValidationError("specs.config.yaml", 0, 0, "integrations.slack: SLACK_WEBHOOK_URL is not set"),
            ],
            new RepositoryReference("org", "repo"),
            new DateTimeOffset(2025, 1, 19, 12, 0, 0, TimeSpan.Zero));

        var json = Encoding.UTF8.GetString(SpecEventPayload.Serialize(specEvent));

        Assert.Equal(
            """{"event":"validation_failed","timestamp":"2025-01-19T12:00:00Z","spec":null,"pr":null,"repository":{"owner":"org","name":"repo"},"error":"2 validation errors","errors":[{"file":"specs/features/FEAT-0001.yaml","line":3,"column":9,"message":"status 'done' is not one of draft, review, approved, implemented"},{"file":"specs.config.yaml","line":0,"column":0,"message":"integrations.slack: SLACK_WEBHOOK_URL is not set"}],"files":["specs/features/FEAT-0001.yaml","specs.config.yaml"]}""",
            json);
    }

    [Fact]
    public void Serialize_TestMessage_EventIsTestAndMarked()
    {
        var json = Encoding.UTF8.GetString(SpecEventPayload.Serialize(SpecEvent.Test(null, new DateTimeOffset(2025, 1, 19, 12, 0, 0, TimeSpan.Zero))));

        Assert.Equal("""{"event":"test","timestamp":"2025-01-19T12:00:00Z","spec":null,"pr":null,"repository":null,"test":true}""", json);
    }
}

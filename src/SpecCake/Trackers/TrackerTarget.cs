using SpecCake.Events;
using SpecCake.Specs;

namespace SpecCake.Trackers;

/// <summary>What one spec's tracker item must reflect: the spec, and its pull request once known.</summary>
internal sealed record TrackerTarget(Spec Spec, PullRequestReference? PullRequest = null)
{
    public string SpecId => Spec.Id;
}

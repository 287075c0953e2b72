using Cake.Core;
using Cake.Core.Annotations;
using SpecCake.Implementation;

namespace SpecCake.Aliases;

/// <summary>
/// ImplementSpec: an approved spec becomes a reviewed pull request. An agent (Claude Code, or any
/// command) implements it on the spec branch, the <c>verify</c> commands check the work (their
/// failures are fed back to the agent), and the result is committed, pushed and opened as a pull
/// request, with every subscribed integration told at each step.
/// </summary>
[CakeAliasCategory("SpecCake")]
public static class ImplementationAliases
{
    /// <summary>
    /// Implements <paramref name="spec"/> with the <c>implementation</c> block of
    /// <c>specs.config.yaml</c> in the working directory.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="spec">The spec ID (<c>FEAT-0001</c>) or the path of its file.</param>
    /// <returns>What the run did: attempts, commit, pull request, events.</returns>
    /// <example>
    /// <code>
    /// Task("Implement").Does(() => ImplementSpec(Argument&lt;string&gt;("spec")));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    [CakeNamespaceImport("SpecCake.Implementation")]
    public static ImplementationResult ImplementSpec(this ICakeContext context, string spec)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        return context.ImplementSpec(new ImplementSpecSettings { Spec = spec });
    }

    /// <summary>
    /// Implements a spec: refuses a spec that is not approved (unless <see cref="ImplementSpecSettings.Force"/>),
    /// a dirty working tree, a missing agent or secret; then sends <c>implementation_started</c>, runs the
    /// agent and the verify commands up to <c>max_attempts</c> times, commits, pushes, opens or updates the
    /// pull request and sends <c>pr_created</c> and <c>implementation_completed</c>, or
    /// <c>implementation_failed</c> with nothing pushed.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings; <see cref="ImplementSpecSettings.Spec"/> is required.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="CakeException">A refusal, a failed implementation, or a failed delivery with <c>fail_on_error</c>.</exception>
    /// <example>
    /// <code>
    /// Task("Implement").Does(() =>
    /// {
    ///     var result = ImplementSpec(new ImplementSpecSettings
    ///     {
    ///         Spec = Argument&lt;string&gt;("spec"),
    ///         Force = HasArgument("force"),
    ///     });
    ///     Information("Pull request: {0}", result.PullRequest?.Url);
    /// });
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    [CakeNamespaceImport("SpecCake.Implementation")]
    public static ImplementationResult ImplementSpec(this ICakeContext context, ImplementSpecSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        return new ImplementSpecTaskRunner(NotificationInputs.Files, SpecCakeAliases.Host(context)).Run(settings);
    }
}

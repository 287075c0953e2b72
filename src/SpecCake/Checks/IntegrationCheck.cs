using SpecCake.Trackers;

namespace SpecCake.Checks;

/// <summary>
/// The base of most checks: a service's refusal or silence (a <see cref="TrackerException"/>, whose
/// message names the request and the answer, secrets masked) becomes a failed outcome with a fix
/// that fits the answer's status, instead of an exception.
/// </summary>
internal abstract class IntegrationCheck : IIntegrationCheck
{
    public abstract string Name { get; }

    public virtual bool IsPrerequisite => false;

    public async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await CheckAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (TrackerException error)
        {
            return CheckOutcome.Fail(error.Message, Fix(error, context));
        }
    }

    protected abstract Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken);

    /// <summary>What to do about a refusal; by default, what its HTTP status usually means.</summary>
    protected virtual string Fix(TrackerException error, CheckContext context) => error.StatusCode switch
    {
        401 => "the credentials were refused: set the secret again with a valid one",
        403 => "the credentials work but may not do this: give the account the permission",
        404 => "not found: check the setting, and that the account can see it",
        429 => "rate-limited: run it again in a minute",
        >= 500 => "the service failed: run it again later",
        _ => "check the URL (api_url) and that the service can be reached from here",
    };
}

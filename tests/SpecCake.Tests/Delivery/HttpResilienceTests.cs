using System.Net;
using Polly;
using Polly.Timeout;
using SpecCake.Delivery;

namespace SpecCake.Tests.Delivery;

public sealed class HttpResilienceTests
{
    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.OK, false)]
    public void IsTransient_Status_RetriesOnly408429And5xx(HttpStatusCode status, bool expected)
    {
        using var response = new HttpResponseMessage(status);

        Assert.Equal(expected, HttpResilience.IsTransient(Outcome.FromResult(response)));
    }

    [Fact]
    public void IsTransient_NetworkErrorOrAttemptTimeout_True()
    {
        Assert.True(HttpResilience.IsTransient(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset"))));
        Assert.True(HttpResilience.IsTransient(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
        Assert.False(HttpResilience.IsTransient(Outcome.FromException<HttpResponseMessage>(new InvalidOperationException())));
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, false)]
    public void IsRefused_Status_OnlyAnswersProvingNothingHappened(HttpStatusCode status, bool expected)
    {
        using var response = new HttpResponseMessage(status);

        Assert.Equal(expected, HttpResilience.IsRefused(Outcome.FromResult(response)));
    }

    [Fact]
    public void IsRefused_NetworkErrorOrAttemptTimeout_False()
    {
        // The request may have reached the server: repeating a create could duplicate the item.
        Assert.False(HttpResilience.IsRefused(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset"))));
        Assert.False(HttpResilience.IsRefused(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
    }

    [Fact]
    public async Task Create_NarrowedPredicate_DoesNotRetryA5xx()
    {
        var pipeline = HttpResilience.Create(
            new RetryPolicy { MaxRetries = 2, BaseDelay = TimeSpan.Zero },
            isTransient: HttpResilience.IsRefused);
        var attempts = 0;

        using var response = await pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            return ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Create_DefaultPredicate_RetriesA5xx()
    {
        var pipeline = HttpResilience.Create(new RetryPolicy { MaxRetries = 2, BaseDelay = TimeSpan.Zero });
        var attempts = 0;

        using var response = await pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            return ValueTask.FromResult(new HttpResponseMessage(attempts < 3 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK));
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task OperationResilience_ServerDelay_ClampedToMaxRetryAfter()
    {
        var waits = new List<TimeSpan>();
        var pipeline = OperationResilience.Create(
            new RetryPolicy { MaxRetries = 1, MaxRetryAfter = TimeSpan.FromMilliseconds(20) },
            exception => exception is TimeoutException,
            onRetry: args =>
            {
                waits.Add(args.RetryDelay);
                return ValueTask.CompletedTask;
            },
            serverDelay: _ => TimeSpan.FromHours(1));
        var attempts = 0;

        await pipeline.ExecuteAsync(_ =>
        {
            if (++attempts == 1)
            {
                throw new TimeoutException("busy");
            }

            return ValueTask.CompletedTask;
        });

        Assert.Equal([TimeSpan.FromMilliseconds(20)], waits);
    }
}

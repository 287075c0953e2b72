using System.Net;
using Polly;
using Polly.Timeout;
using SpecCake.Delivery;
using SpecCake.Http;

namespace SpecCake.Tests.Http;

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
    public async Task OperationResilience_ServerDelayLongerThanAllowed_NotRetried()
    {
        var pipeline = OperationResilience.Create(
            new RetryPolicy { MaxRetries = 1, MaxRetryAfter = TimeSpan.FromMilliseconds(20) },
            exception => exception is TimeoutException,
            serverDelay: _ => TimeSpan.FromHours(1));
        var attempts = 0;

        await Assert.ThrowsAsync<TimeoutException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            throw new TimeoutException("busy");
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task OperationResilience_ServerDelayWithinTheLimit_WaitedAsAsked()
    {
        var waits = new List<TimeSpan>();
        var pipeline = OperationResilience.Create(
            new RetryPolicy { MaxRetries = 1, MaxRetryAfter = TimeSpan.FromSeconds(1) },
            exception => exception is TimeoutException,
            onRetry: args =>
            {
                waits.Add(args.RetryDelay);
                return ValueTask.CompletedTask;
            },
            serverDelay: _ => TimeSpan.FromMilliseconds(20));
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

    [Theory]
    [InlineData("999999", 999999d)]
    [InlineData("Thu, 01 Jan 2099 00:00:00 GMT", 2333620800d)]
    public async Task ServerRequestedDelayAsync_RetryAfterSecondsOrDate_MeasuredOnTheGivenClock(string header, double seconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", header);

        var delay = await HttpResilience.ServerRequestedDelayAsync(response, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 1, 19, 12, 0, 0, TimeSpan.Zero)));

        Assert.Equal(TimeSpan.FromSeconds(seconds), delay);
    }

    [Fact]
    public async Task ServerRequestedDelayAsync_RetryAfterBodyOf1e300_EndlessWaitNotAnOverflow()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent("""{"retry_after":1e300}""", System.Text.Encoding.UTF8, "application/json"),
        };

        var delay = await HttpResilience.ServerRequestedDelayAsync(response);

        Assert.Equal(TimeSpan.MaxValue, delay);
        Assert.Equal("asked to retry after more than 29,000 years, more than the 30s allowed", HttpResilience.DescribeRefusedWait(delay, RetryPolicy.Default));
    }
}

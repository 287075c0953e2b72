using System.Net.Security;
using MailKit.Security;
using MimeKit;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Integrations.Email;
using SpecCake.Tests.Delivery;

namespace SpecCake.Tests.Integrations.Email;

public sealed class EmailNotifierTests
{
    private const string User = "specbot";
    private const string Password = "smtp-pass-7f3a9c";

    [Fact]
    public async Task NotifyAsync_StartTlsServerWithAuth_MessageArrivesOverTlsAuthenticated()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(startTls: true, requiredLogin: (User, Password));
        var log = new RecordingLog();

        var report = await SpecEventNotifier.NotifyAsync(
            Config(server.Port),
            TestData.Event(SpecEventKind.ImplementationFailed),
            Options(log, server));

        var result = Assert.Single(report.Results);
        Assert.True(result.Status == DeliveryStatus.Sent, result.Reason);
        var mail = Assert.Single(server.Messages);
        Assert.True(mail.OverTls);
        Assert.Equal(User, mail.AuthenticatedUser);
        Assert.Equal(["oncall@example.com", "lead@example.com"], mail.Recipients);
        Assert.Equal("❌ [implementation_failed] FEAT-0001: User Authentication", mail.Message.Subject);
        Assert.Equal("specs@example.com", ((MailboxAddress)mail.Message.From.Single()).Address);
        Assert.Equal("implementation_failed", mail.Message.Headers["X-SpecCake-Event"]);

        var alternative = Assert.IsType<MultipartAlternative>(mail.Message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(part => part.ContentType.MimeType));
        Assert.StartsWith(
            "❌ Spec Implementation Failed\n• ID: FEAT-0001\n• Title: User Authentication\n• Repository: org/repo\n• Branch: spec/feat-0001\n• PR: #42 (https://github.com/org/repo/pull/42)\n• Error: Schema validation failed\n• Logs: View Details (https://github.com/org/repo/actions/runs/7)",
            mail.Message.TextBody!.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        Assert.Contains("<h2 style=\"color:#d40e0d\">❌ Spec Implementation Failed</h2>", mail.Message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://github.com/org/repo/pull/42\">View PR</a>", mail.Message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyAsync_SecureButServerOffersNoStartTls_FailsWithoutSendingInClear()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(startTls: false, requiredLogin: null);

        var report = await SpecEventNotifier.NotifyAsync(Config(server.Port), TestData.Event(SpecEventKind.ImplementationFailed), Options(new RecordingLog(), server));

        var result = report.Results.Single();
        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Contains("STARTTLS", result.Reason, StringComparison.Ordinal);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task NotifyAsync_WrongPassword_FailsAtOnceWithAuthenticationError()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(startTls: true, requiredLogin: (User, "the-right-one"));
        var log = new RecordingLog();

        var report = await SpecEventNotifier.NotifyAsync(Config(server.Port), TestData.Event(SpecEventKind.ImplementationFailed), Options(log, server));

        var result = report.Results.Single();
        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.StartsWith("SMTP authentication failed", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyAsync_EventWithoutRecipients_Skipped()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(startTls: true, requiredLogin: null);

        var report = await SpecEventNotifier.NotifyAsync(Config(server.Port), TestData.Event(SpecEventKind.ImplementationStarted), Options(new RecordingLog(), server));

        Assert.Equal(DeliveryStatus.Skipped, report.Results.Single().Status);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task SendAsync_TlsOnConnect_MessageArrivesOverTls()
    {
        // What secure: true on port 465 selects, against a server that speaks TLS from the first byte.
        await using var server = await LoopbackSmtpServer.StartAsync(startTls: false, requiredLogin: (User, Password), implicitTls: true);
        var specEvent = TestData.Event(SpecEventKind.ImplementationCompleted);
        var delivery = new EmailDelivery(
            "email",
            new SmtpServerAddress("127.0.0.1", server.Port, SecureSocketOptions.SslOnConnect),
            new System.Net.NetworkCredential(User, Password),
            EmailMessage.Render(specEvent, "specs@example.com", ["team@example.com"]),
            // One attempt with room for the TLS handshake on a loaded machine, as Options below gives.
            TestData.FastRetry with { MaxRetries = 0, AttemptTimeout = TimeSpan.FromSeconds(30), TotalTimeout = TimeSpan.FromSeconds(30) });
        using var http = new HttpClient();
        var context = new DeliveryContext(http, new RecordingLog(), TimeProvider.System) { ServerCertificateValidation = TrustOnly(server) };

        var outcome = await delivery.SendAsync(context, CancellationToken.None);

        Assert.True(outcome.Delivered, outcome.Reason);
        var mail = Assert.Single(server.Messages);
        Assert.True(mail.OverTls);
        Assert.Equal(User, mail.AuthenticatedUser);
        Assert.Equal("✅ [implementation_completed] FEAT-0001: User Authentication", mail.Message.Subject);
    }

    [Fact]
    public async Task SendAsync_ServerTakesTheMessageButNeverConfirms_NotSentAgain()
    {
        await using var server = UnansweredSmtpServer.Start();
        var delivery = new EmailDelivery(
            "email",
            new SmtpServerAddress("127.0.0.1", server.Port, SecureSocketOptions.None),
            credentials: null,
            EmailMessage.Render(TestData.Event(SpecEventKind.ImplementationFailed), "specs@example.com", ["oncall@example.com"]),
            // Long enough that a busy machine still connects and hands the message over within one attempt
            // (a timeout before that is rightly retried); the timeout that matters comes after.
            TestData.FastRetry with { AttemptTimeout = TimeSpan.FromSeconds(2) });
        using var http = new HttpClient();

        var outcome = await delivery.SendAsync(new DeliveryContext(http, new RecordingLog(), TimeProvider.System), CancellationToken.None);

        Assert.False(outcome.Delivered);
        Assert.Equal(1, server.MessagesReceived);
        Assert.Equal(1, outcome.Attempts);
        Assert.Contains("not retried: the message may already have arrived", outcome.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, 465, SecureSocketOptions.SslOnConnect)]
    [InlineData(true, 587, SecureSocketOptions.StartTls)]
    [InlineData(true, 2525, SecureSocketOptions.StartTls)]
    [InlineData(false, 25, SecureSocketOptions.StartTlsWhenAvailable)]
    public void Security_SecureAndPort_ChoosesTlsMode(bool secure, int port, SecureSocketOptions expected) =>
        Assert.Equal(expected, EmailNotifier.Security(new SmtpOptions { Secure = secure, Port = port }));

    private static SpecCakeConfig Config(int port) => TestData.Config(new IntegrationsOptions
    {
        Email = new EmailOptions
        {
            Enabled = true,
            // SMTP_HOST (the loopback server) must win over this unresolvable host.
            Smtp = new SmtpOptions { Host = "smtp.invalid", Port = port, Secure = true },
            From = "specs@example.com",
            Recipients = new Dictionary<string, IReadOnlyList<string>>
            {
                ["implementation_failed"] = ["oncall@example.com", "lead@example.com"],
                ["pr_created"] = ["reviewers@example.com"],
            },
        },
    });

    private static SpecEventNotifierOptions Options(RecordingLog log, LoopbackSmtpServer server) => TestData.Options(
        log,
        new Dictionary<string, string?>
        {
            ["SMTP_HOST"] = "127.0.0.1",
            ["SMTP_USER"] = User,
            ["SMTP_PASSWORD"] = Password,
        },
        retry: TestData.FastRetry with { MaxRetries = 1 }) with
    {
        ServerCertificateValidation = TrustOnly(server),
    };

    /// <summary>Email of <c>implementation_failed</c> to <paramref name="server"/> (STARTTLS, no login), trusting only its certificate.</summary>
    internal static (SpecCakeConfig Config, SpecEventNotifierOptions Options) ToLoopback(LoopbackSmtpServer server) =>
        (TestData.Config(new IntegrationsOptions
        {
            Email = new EmailOptions
            {
                Enabled = true,
                Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Secure = true },
                From = "specs@example.com",
                Recipients = new Dictionary<string, IReadOnlyList<string>> { ["implementation_failed"] = ["oncall@example.com"] },
            },
        }),
        // One attempt, with room for a STARTTLS handshake on a loaded machine: these tests check
        // what arrived, not how fast (2 s was flaky when the machine ran several builds at once).
        TestData.Options(
            new RecordingLog(),
            new Dictionary<string, string?>(),
            retry: TestData.FastRetry with { MaxRetries = 0, AttemptTimeout = TimeSpan.FromSeconds(30), TotalTimeout = TimeSpan.FromSeconds(30) })
            with { ServerCertificateValidation = TrustOnly(server) });

    /// <summary>Trusts exactly the certificate the test server made, nothing else.</summary>
    internal static RemoteCertificateValidationCallback TrustOnly(LoopbackSmtpServer server) =>
        (_, certificate, _, _) =>
            server.Certificate is not null && certificate is not null && certificate.GetCertHashString() == server.Certificate.GetCertHashString();
}

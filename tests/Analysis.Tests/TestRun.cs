using NUnit.Framework;
using TestSupport;

/// <summary>Stops the test run's private PostgreSQL and the shared Chromium once every test of this assembly has run.</summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeTearDown]
    public async Task StopDatabase() => await PostgresServer.StopSharedAsync();

    [OneTimeTearDown]
    public async Task StopBrowser() => await Browser.StopSharedAsync();
}

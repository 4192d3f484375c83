using NUnit.Framework;
using TestSupport;

/// <summary>Stops the test run's shared Chromium and private PostgreSQL once every test of this assembly has run.</summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeTearDown]
    public async Task StopBrowser() => await TestSupport.Browser.StopSharedAsync();

    [OneTimeTearDown]
    public async Task StopDatabase() => await PostgresServer.StopSharedAsync();
}

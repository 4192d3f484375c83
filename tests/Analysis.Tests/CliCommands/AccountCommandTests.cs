using Experiment.Engine.Researchers;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.CliCommands;

public sealed class AccountCommandTests : DatabaseTest
{
    static string PasswordIn(string output) => output.Trim().Split(' ')[^1];

    const string Client = "203.0.113.7", OtherClient = "198.51.100.9";

    [Test]
    public async Task AccountEnsure_runTwice_createsResearcherOnceThenPrintsNoPassword()
    {
        var (exit, first, _) = await CliRun.RunAsync("account", "ensure", "--connection", ConnectionString);
        Assert.That(exit, Is.Zero);
        Assert.That(first, Does.Contain("user 'researcher', password (shown once): "));
        var password = PasswordIn(first);
        Assert.That(password, Has.Length.EqualTo(20));
        Assert.That((await ResearcherAccounts.SignInAsync(DataSource, "researcher", password, Client, new LockoutOptions(), Clock)).Outcome, Is.EqualTo(SignInOutcome.Success));

        var (_, second, _) = await CliRun.RunAsync("account", "ensure", "--connection", ConnectionString);
        Assert.That(second, Does.Contain("exists").And.Not.Contain(password).And.Not.Contain("password (shown once)"));
        Assert.That(Server.Dump(ConnectionString), Does.Not.Contain(password), "only the hash is stored");
    }

    [Test]
    public async Task AccountCreate_thenReset_replacesPasswordLiftsLockoutAndEndsSessions()
    {
        var (_, created, _) = await CliRun.RunAsync("account", "create", "--user", "ann", "--connection", ConnectionString);
        var oldPassword = PasswordIn(created);
        var stampBefore = await ResearcherAccounts.SecurityStampAsync(DataSource, "ann");
        var lockout = new LockoutOptions(MaxFailures: 2);
        await ResearcherAccounts.SignInAsync(DataSource, "ann", "wrong", Client, lockout, Clock);
        await ResearcherAccounts.SignInAsync(DataSource, "ann", "wrong", Client, lockout, Clock);
        Assert.That((await ResearcherAccounts.SignInAsync(DataSource, "ann", oldPassword, Client, lockout, Clock)).Outcome, Is.EqualTo(SignInOutcome.LockedOut));

        var (exit, reset, _) = await CliRun.RunAsync("account", "reset", "--user", "ann", "--connection", ConnectionString);
        Assert.That(exit, Is.Zero);
        var newPassword = PasswordIn(reset);
        Assert.That(newPassword, Is.Not.EqualTo(oldPassword));
        Assert.That(await ResearcherAccounts.SecurityStampAsync(DataSource, "ann"), Is.Not.Null.And.Not.EqualTo(stampBefore),
            "a reset gives the account a new security stamp, which ends its sessions");
        Assert.That((await ResearcherAccounts.SignInAsync(DataSource, "ann", newPassword, Client, lockout, Clock)).Outcome, Is.EqualTo(SignInOutcome.Success));
        Assert.That((await ResearcherAccounts.SignInAsync(DataSource, "ann", oldPassword, Client, lockout, Clock)).Outcome, Is.EqualTo(SignInOutcome.WrongPassword));
    }

    [Test]
    public async Task AccountCreate_existingOrBadNameOrResetOfUnknown_failsClearly()
    {
        await CliRun.RunAsync("account", "create", "--user", "bob", "--connection", ConnectionString);
        var (exit, _, error) = await CliRun.RunAsync("account", "create", "--user", "bob", "--connection", ConnectionString);
        var acting = $"database: {Experiment.Engine.Storage.Database.Where(ConnectionString)} (from --connection)" + Environment.NewLine;
        Assert.That((exit, error), Is.EqualTo((1, acting + "error: An account 'bob' exists already; use `account reset --user bob` for a new password." + Environment.NewLine)));
        (exit, _, error) = await CliRun.RunAsync("account", "create", "--user", "bad name", "--connection", ConnectionString);
        Assert.That((exit, error), Is.EqualTo((1, acting + "error: Username 'bad name' is not allowed: use 1 to 64 letters, digits, '.', '_', '@' or '-'." + Environment.NewLine)));
        (exit, _, error) = await CliRun.RunAsync("account", "reset", "--user", "nobody", "--connection", ConnectionString);
        Assert.That(error, Does.Contain("No account 'nobody'"));
    }

    [Test]
    public async Task SignIn_fifthFailure_locksThatNameAndAddressUntilTheLockoutEnds()
    {
        var (_, password) = await ResearcherAccounts.CreateAsync(DataSource, "cat");
        var lockout = new LockoutOptions(MaxFailures: 5, Duration: TimeSpan.FromSeconds(2));
        for (var i = 0; i < 4; i++)
            Assert.That((await ResearcherAccounts.SignInAsync(DataSource, "cat", "nope", Client, lockout, Clock)).Outcome, Is.EqualTo(SignInOutcome.WrongPassword));
        Assert.That((await ResearcherAccounts.SignInAsync(DataSource, "cat", "nope", Client, lockout, Clock)).Outcome, Is.EqualTo(SignInOutcome.LockedOut));
        Assert.That((await ResearcherAccounts.SignInAsync(DataSource, "cat", password, Client, lockout, Clock)).Outcome, Is.EqualTo(SignInOutcome.LockedOut));
        Assert.That((await ResearcherAccounts.SignInAsync(DataSource, "cat", password, OtherClient, lockout, Clock)).Outcome, Is.EqualTo(SignInOutcome.Success),
            "one address locks out only itself, never the account for everyone");
        for (var i = 0; i < 4; i++)
            Assert.That((await ResearcherAccounts.SignInAsync(DataSource, "ghost", "nope", Client, lockout, Clock)).Outcome, Is.EqualTo(SignInOutcome.WrongPassword));
        Assert.That((await ResearcherAccounts.SignInAsync(DataSource, "ghost", "nope", Client, lockout, Clock)).Outcome, Is.EqualTo(SignInOutcome.LockedOut),
            "an unknown name is locked out exactly like a real one");
        Clock.Advance(TimeSpan.FromSeconds(2.5));
        Assert.That((await ResearcherAccounts.SignInAsync(DataSource, "cat", password, Client, lockout, Clock)).Outcome, Is.EqualTo(SignInOutcome.Success));
        Assert.That((await ResearcherAccounts.SignInAsync(DataSource, "ghost", password, Client, lockout, Clock)).Outcome, Is.EqualTo(SignInOutcome.WrongPassword));
    }
}

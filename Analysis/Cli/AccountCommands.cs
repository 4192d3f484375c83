using System.CommandLine;
using Experiment.Engine.Researchers;

namespace Analysis;

/// <summary>`account create|reset|ensure|list`: researcher sign-ins for the console. Passwords are generated and shown once.</summary>
public static class AccountCommands
{
    public static Command Create()
    {
        var account = new Command("account", "Researcher accounts for the web console");
        var connection = CliDatabase.ConnectionOption();

        var create = new Command("create", "Create an account and print its password once");
        var createUser = new Option<string>("--user") { Description = "Username", Required = true };
        create.Options.Add(createUser);
        create.Options.Add(connection);
        create.SetAction(async (result, ct) =>
        {
            var user = result.GetValue(createUser)!;
            await using var db = CliDatabase.Open(CliDatabase.ConnectionString(result, connection));
            var (created, password) = await Guard(() => ResearcherAccounts.CreateAsync(db, user, ct));
            if (!created) throw new CliException($"An account '{user}' exists already; use `account reset --user {user}` for a new password.");
            await AuditLog.WriteAsync(db, AuditLog.CliActor(), "account_create", null, $"account {user}", ct);
            Console.WriteLine($"created researcher '{user}', password (shown once): {password}");
            return 0;
        });

        var reset = new Command("reset", "Give an account a new password (printed once), end its sessions and lift its lockouts");
        var resetUser = new Option<string>("--user") { Description = "Username", Required = true };
        reset.Options.Add(resetUser);
        reset.Options.Add(connection);
        reset.SetAction(async (result, ct) =>
        {
            var user = result.GetValue(resetUser)!;
            await using var db = CliDatabase.Open(CliDatabase.ConnectionString(result, connection));
            var password = await Guard(() => ResearcherAccounts.ResetAsync(db, user, ct))
                           ?? throw new CliException($"No account '{user}'; create it with `account create --user {user}`.");
            await AuditLog.WriteAsync(db, AuditLog.CliActor(), "account_reset", null, $"account {user}", ct);
            Console.WriteLine($"new password for '{user}' (shown once): {password}");
            return 0;
        });

        var ensure = new Command("ensure", $"Create '{ResearcherAccounts.DefaultUsername}' when no account exists yet (./run.sh)");
        ensure.Options.Add(connection);
        ensure.SetAction(async (result, ct) =>
        {
            await using var db = CliDatabase.Open(CliDatabase.ConnectionString(result, connection));
            var password = await ResearcherAccounts.EnsureAsync(db, ct);
            if (password is null)
            {
                Console.WriteLine("researcher account: exists (forgot the password? `account reset --user NAME`)");
                return 0;
            }
            await AuditLog.WriteAsync(db, AuditLog.CliActor(), "account_create", null, $"account {ResearcherAccounts.DefaultUsername}", ct);
            Console.WriteLine($"researcher account created: user '{ResearcherAccounts.DefaultUsername}', password (shown once): {password}");
            return 0;
        });

        var list = new Command("list", "List the account names");
        list.Options.Add(connection);
        list.SetAction(async (result, ct) =>
        {
            await using var db = CliDatabase.Open(CliDatabase.ConnectionString(result, connection));
            foreach (var name in await ResearcherAccounts.ListAsync(db, ct)) Console.WriteLine(name);
            return 0;
        });

        account.Subcommands.Add(create);
        account.Subcommands.Add(reset);
        account.Subcommands.Add(ensure);
        account.Subcommands.Add(list);
        return account;
    }

    static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try { return await action(); }
        catch (ArgumentException e) { throw new CliException(e.Message); }
    }
}

using TestSupport;

namespace Analysis.Tests.CliCommands;

/// <summary>Runs the real command line in-process and captures what it printed.</summary>
static class CliRun
{
    static readonly SemaphoreSlim ConsoleLock = new(1, 1);

    /// <summary>On a fresh test clock (TestClock): for verbs whose output does not depend on "now".</summary>
    public static Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => RunAsync(TestClock.Create(), args);

    public static async Task<(int Exit, string Out, string Err)> RunAsync(TimeProvider clock, params string[] args)
    {
        await ConsoleLock.WaitAsync();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        try
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            var exit = await global::Analysis.Cli.Run(args, clock);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
            ConsoleLock.Release();
        }
    }
}

using System.CommandLine;

namespace Analysis;

public static class Cli
{
    public static async Task<int> Run(string[] args)
    {
        var root = new RootCommand("Privacy Paradox Lab: studies, exports, reports and simulations from the command line.");
        root.Subcommands.Add(SimulateCommands.Create());
        return await root.Parse(args).InvokeAsync();
    }
}

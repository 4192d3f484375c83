using System.Diagnostics;
using TestSupport;

namespace Analysis.Tests.Export.Scripts;

/// <summary>
/// Runs a program the export's scripts are written for (pspp, Rscript), as a user would. A missing program
/// skips the test locally and fails it under CI=true; ./test.sh installs them (Debian: pspp, r-base-core).
/// </summary>
static class ExternalTool
{
    public static string Require(string program, string debianPackage)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var path = Path.Combine(dir, program);
            if (File.Exists(path)) return path;
        }
        CiRules.SkipUnlessCi($"{program} is not installed (Debian: apt-get install {debianPackage}; ./test.sh installs it)");
        return "";
    }

    public static async Task<(int Exit, string Output, string Error)> RunAsync(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        // The same in every locale the tests may run in.
        start.Environment["LC_ALL"] = "C.UTF-8";
        start.Environment["LANG"] = "C.UTF-8";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}

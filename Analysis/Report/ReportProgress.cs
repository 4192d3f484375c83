using System.Diagnostics;
using Spectre.Console;

namespace Analysis.Report;

/// <summary>
/// Shows the long steps of a report (export, loading, fitting). In an interactive terminal a Spectre.Console
/// spinner on stderr; when stderr is redirected, one plain line per step on stderr. Never on stdout, which may
/// carry the JSON or Markdown report.
/// </summary>
public sealed class ReportProgress
{
    private readonly TextWriter _plain;
    private readonly IAnsiConsole? _console;

    private ReportProgress(TextWriter plain, IAnsiConsole? console)
    {
        _plain = plain;
        _console = console;
    }

    public static ReportProgress ForConsole()
    {
        var interactive = !Console.IsErrorRedirected && !Console.IsInputRedirected;
        var console = interactive
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            : null;
        return new ReportProgress(Console.Error, console);
    }

    /// <summary>Plain lines to a writer (tests, redirected output).</summary>
    public static ReportProgress Plain(TextWriter writer) => new(writer, null);

    public async Task<T> RunAsync<T>(string step, Func<IProgress<string>, Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        T result;
        if (_console is null)
        {
            _plain.WriteLine($"{step}...");
            result = await work(new SynchronousProgress(s => _plain.WriteLine($"  {s}")));
        }
        else
        {
            result = await _console.Status().StartAsync(step, async ctx =>
                await work(new SynchronousProgress(s => ctx.Status($"{step}: {Markup.Escape(s)}"))));
        }
        _plain.WriteLine($"{step}: done in {clock.Elapsed.TotalSeconds:0.0} s");
        return result;
    }

    public Task<T> Run<T>(string step, Func<IProgress<string>, T> work) => RunAsync(step, p => Task.FromResult(work(p)));

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and print late).</summary>
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Survey.Web.Tests.Infrastructure;

/// <summary>
/// Survey.Web as its own process (`dotnet Survey.Web.dll`, as ./run.sh starts it), with everything it writes to
/// stdout and stderr captured line by line: for tests about what the process prints, not what one logger sees.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    readonly Process process;
    readonly ConcurrentQueue<string> lines;

    public string BaseUrl { get; }
    public IReadOnlyList<string> Lines => lines.ToArray();

    AppProcess(Process process, string baseUrl, ConcurrentQueue<string> lines)
    {
        this.process = process;
        BaseUrl = baseUrl;
        this.lines = lines;
    }

    /// <param name="args">Extra command-line arguments (configuration such as --Logging:LogLevel:Default=Trace).</param>
    public static async Task<AppProcess> StartAsync(string connectionString, IEnumerable<string> args)
    {
        var port = FreePort();
        var bin = AppContext.BaseDirectory;
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = bin,
        };
        foreach (var a in new[] { Path.Combine(bin, "Survey.Web.dll"), "--urls", $"http://127.0.0.1:{port}", "--contentRoot", bin }.Concat(args))
            psi.ArgumentList.Add(a);
        psi.Environment["ConnectionStrings__Main"] = connectionString;
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var lines = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, $"http://127.0.0.1:{port}", lines);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // A start-up timeout, measured on the monotonic clock: it says nothing about the date.
        for (var started = Stopwatch.StartNew(); started.Elapsed < TimeSpan.FromSeconds(60);)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Survey.Web exited with {process.ExitCode}:\n{string.Join('\n', lines)}");
            try
            {
                if ((await http.GetAsync(app.BaseUrl + "/healthz")).StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        await app.DisposeAsync();
        throw new TimeoutException("Survey.Web did not answer /healthz within 60 s:\n" + string.Join('\n', lines));
    }

    /// <summary>Stops the process as a service manager would (SIGTERM), so its logger flushes every line.</summary>
    public async Task StopAsync()
    {
        if (process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill.WaitForExitAsync();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await process.WaitForExitAsync(wait.Token); }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.WaitForExit(); // flushes the output events
        process.Dispose();
    }

    static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

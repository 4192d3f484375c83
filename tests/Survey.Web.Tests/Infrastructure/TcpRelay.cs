using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Survey.Web.Tests.Infrastructure;

/// <summary>
/// A TCP relay in front of the test's PostgreSQL that a test can cut and restore: cutting closes every relayed
/// connection and refuses new ones (as a database restart or crash does to the app's pooled connections), without
/// touching the server that other tests share.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly string targetHost;
    readonly int targetPort;
    readonly ConcurrentDictionary<TcpClient, byte> open = new();
    readonly CancellationTokenSource stop = new();
    volatile bool cut;

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    TcpRelay(string host, int port)
    {
        targetHost = host;
        targetPort = port;
        listener.Start();
        _ = AcceptLoopAsync();
    }

    /// <summary>A relay to the server of <paramref name="connectionString"/>, and that connection string through it.</summary>
    public static (TcpRelay Relay, string ConnectionString) For(string connectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var relay = new TcpRelay(b.Host!, b.Port);
        b.Host = "127.0.0.1";
        b.Port = relay.Port;
        return (relay, b.ConnectionString);
    }

    public void Cut()
    {
        cut = true;
        foreach (var c in open.Keys) Close(c);
    }

    public void Restore() => cut = false;

    async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception) when (stop.IsCancellationRequested) { return; }
            if (cut) { client.Client.Close(0); client.Dispose(); continue; } // as a server that is down: reset at once
            _ = RelayAsync(client);
        }
    }

    async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient();
        open[client] = 0;
        open[server] = 0;
        try
        {
            await server.ConnectAsync(targetHost, targetPort, stop.Token);
            var a = client.GetStream().CopyToAsync(server.GetStream(), stop.Token);
            var b = server.GetStream().CopyToAsync(client.GetStream(), stop.Token);
            await Task.WhenAny(a, b);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            Close(client);
            Close(server);
        }
    }

    void Close(TcpClient c)
    {
        if (!open.TryRemove(c, out _)) return; // closed already (by Cut, or by the other direction)
        try { c.Client?.Close(0); } catch (ObjectDisposedException) { }
        c.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        foreach (var c in open.Keys) Close(c);
        stop.Dispose();
        return ValueTask.CompletedTask;
    }
}

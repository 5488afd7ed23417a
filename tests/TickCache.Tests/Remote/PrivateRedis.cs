using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TickCache.Tests.Remote;

/// <summary>A redis-server process of one test's own, so the test may freeze (SIGSTOP) or kill it.</summary>
internal sealed class PrivateRedis : IDisposable
{
    private readonly Process _process;

    public PrivateRedis()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var dir = TestData.TempDirectory();
        _process = Process.Start(new ProcessStartInfo("redis-server", ["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--dir", dir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var clock = Stopwatch.StartNew();
        while (!Accepts())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20) || _process.HasExited)
            {
                throw new InvalidOperationException("redis-server did not start (is it installed? tests/fixtures/l3-servers.sh install)");
            }

            Thread.Sleep(20);
        }
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public void Freeze() => Signal("STOP");

    public void Thaw() => Signal("CONT");

    public void Dispose()
    {
        Thaw();
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            client.GetStream().Write("PING\r\n"u8);
            var buffer = new byte[7];
            return client.GetStream().Read(buffer) > 0;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

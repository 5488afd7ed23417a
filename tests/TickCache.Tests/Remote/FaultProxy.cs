using System.Net;
using System.Net.Sockets;

namespace TickCache.Tests.Remote;

/// <summary>
/// A loopback TCP proxy in front of a real server that injects network faults on the server → client direction:
/// pass everything, refuse connections, freeze (stop forwarding, keep the socket open) or kill (close both sockets)
/// after a number of bytes counted from the moment the fault was armed. The server stays real; only the wire lies.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private readonly Task _accepting;
    private volatile Fault _fault = Fault.Pass;
    private long _armedBytes;
    private long _forwarded;

    public FaultProxy(IPEndPoint target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public enum Fault
    {
        Pass,
        Refuse,
        FreezeAfter,
        KillAfter,
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Bytes forwarded server → client so far (all connections).</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Arms <paramref name="fault"/>: it strikes once <paramref name="afterBytes"/> more bytes have gone to clients.</summary>
    public void Arm(Fault fault, long afterBytes = 0)
    {
        Interlocked.Exchange(ref _armedBytes, Forwarded + afterBytes);
        _fault = fault;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            if (_fault == Fault.Refuse)
            {
                client.Close(0);
                continue;
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(server);
            }

            try
            {
                await server.ConnectAsync(_target, _stop.Token);
            }
            catch (SocketException)
            {
                client.Close(0);
                continue;
            }

            _ = PumpAsync(client, server, toClient: false);
            _ = PumpAsync(server, client, toClient: true);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool toClient)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                var count = read;
                if (toClient && _fault is Fault.FreezeAfter or Fault.KillAfter)
                {
                    var allowed = Interlocked.Read(ref _armedBytes) - Forwarded;
                    if (allowed < count)
                    {
                        count = (int)Math.Max(0, allowed);
                        if (count > 0)
                        {
                            await to.SendAsync(buffer.AsMemory(0, count), SocketFlags.None, _stop.Token);
                            Interlocked.Add(ref _forwarded, count);
                        }

                        if (_fault == Fault.KillAfter)
                        {
                            to.Close(0);
                            from.Close(0);
                            return;
                        }

                        // Frozen: hold both sockets open and forward nothing more, like a stopped process.
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                    }
                }

                await to.SendAsync(buffer.AsMemory(0, count), SocketFlags.None, _stop.Token);
                if (toClient)
                {
                    Interlocked.Add(ref _forwarded, count);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The other side went away, or the proxy stops.
        }
    }
}

using System.Diagnostics;

namespace TickCache.Tests.Remote;

/// <summary>
/// The real L3 servers (Redis, nginx WebDAV, Ceph RGW) the remote tests run against. <c>.ci/run</c> starts them with
/// <c>tests/fixtures/l3-servers.sh</c> and exports their addresses (TICKCACHE_TEST_*); when those are not set, this
/// fixture installs them when missing (apt, as root or through sudo) and starts them itself with the same script, and
/// stops them at the end, so the README's test command works on a fresh machine.
/// </summary>
public sealed class L3Servers : IDisposable
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "fixtures", "l3-servers.sh");
    private readonly string? _ownedDirectory;

    public L3Servers()
    {
        if (Environment.GetEnvironmentVariable("TICKCACHE_TEST_REDIS") is null)
        {
            _ownedDirectory = TestData.TempDirectory();
            Run("install", _ownedDirectory);
            Run("start", _ownedDirectory);
            foreach (var line in File.ReadAllLines(Path.Combine(_ownedDirectory, "env")))
            {
                var assignment = line["export ".Length..];
                var split = assignment.IndexOf('=', StringComparison.Ordinal);
                Environment.SetEnvironmentVariable(assignment[..split], assignment[(split + 1)..]);
            }
        }

        Redis = Required("TICKCACHE_TEST_REDIS");
        WebDav = new Uri(Required("TICKCACHE_TEST_WEBDAV"));
        S3 = new Uri(Required("TICKCACHE_TEST_S3"));
        S3AccessKey = Required("TICKCACHE_TEST_S3_ACCESS_KEY");
        S3SecretKey = Required("TICKCACHE_TEST_S3_SECRET_KEY");
    }

    /// <summary>host:port of the Redis server.</summary>
    public string Redis { get; }

    /// <summary>Base address of nginx (objects under /cache/).</summary>
    public Uri WebDav { get; }

    /// <summary>Endpoint of Ceph RGW.</summary>
    public Uri S3 { get; }

    public string S3AccessKey { get; }

    public string S3SecretKey { get; }

    public void Dispose()
    {
        if (_ownedDirectory is not null)
        {
            Run("stop", _ownedDirectory);
        }
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set: run tests/fixtures/l3-servers.sh start DIR and source DIR/env.");

    private static void Run(string command, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", command == "install" ? [Script, command] : [Script, command, directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"tests/fixtures/l3-servers.sh {command} failed ({process.ExitCode}): {errors.Result}\nInstall the servers with: sudo bash tests/fixtures/l3-servers.sh install");
        }
    }
}

/// <summary>
/// Every test class that needs the real L3 servers joins this collection (one start per test run) and carries the
/// trait <c>Category=L3</c>: <c>dotnet test --filter "Category!=L3"</c> runs everything else with no server installed.
/// </summary>
[CollectionDefinition(Name)]
public sealed class L3ServersGroup : ICollectionFixture<L3Servers>
{
    public const string Name = "L3 servers";

    public const string Category = "L3";
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TickCache;
using TickCache.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers a <see cref="TickCacheClient"/> in a service collection (namespace <c>Microsoft.Extensions.DependencyInjection</c>,
/// as the framework's own registrations are): one singleton client per registration, its <see cref="TickCacheOptions"/>
/// validated through <see cref="IValidateOptions{TOptions}"/> when the host starts (<c>ValidateOnStart</c>), its HTTP
/// handler from <see cref="IHttpMessageHandlerFactory"/> (the named client <see cref="HttpClientName"/>, so an application
/// adds its own handlers with <c>services.AddHttpClient(TickCacheServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(…)</c>)
/// unless <see cref="TickCacheOptions.HttpHandler"/> is set, its logs through the container's <see cref="ILoggerFactory"/>,
/// its meter from the container's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (when it has one).
/// The container disposes the client. Thread-safe as the container is.
/// </summary>
public static class TickCacheServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> configuration TickCache's handler comes from: <c>TickCache</c>.</summary>
    public const string HttpClientName = "TickCache";

    /// <summary>Registers a singleton <see cref="TickCacheClient"/> configured by <paramref name="configure"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Fills in the options (start from their documented defaults).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>An invalid setting fails the host's start (or the first resolution) with an <see cref="OptionsValidationException"/> whose message is the client's own argument error.</remarks>
    public static IServiceCollection AddTickCache(this IServiceCollection services, Action<TickCacheOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TickCacheOptions>().Configure(configure).ValidateOnStart();
        return AddClient(services);
    }

    /// <summary>
    /// Registers a singleton <see cref="TickCacheClient"/> whose options are bound from <paramref name="section"/>
    /// (e.g. <c>configuration.GetSection("TickCache")</c>: <c>CacheDirectory</c>, <c>MemoryBudgetBytes</c>,
    /// <c>RequestsPerSecond</c>, <c>DatasetsEndpoint</c>, <c>BinancePublicData:Endpoint</c>, … by property name;
    /// time spans as <c>hh:mm:ss</c>). Keep the API key out of configuration files: it is read from
    /// <c>TARDIS_API_KEY</c> when <see cref="TickCacheOptions.ApiKey"/> is not set.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section.</param>
    /// <param name="configure">Optional code-only settings applied after binding (e.g. an <see cref="TickCacheOptions.RemoteCache"/> store).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddTickCache(this IServiceCollection services, IConfiguration section, Action<TickCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var options = services.AddOptions<TickCacheOptions>().Bind(section);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        return AddClient(services);
    }

    /// <summary>
    /// Registers a keyed singleton <see cref="TickCacheClient"/> (resolve it with <c>[FromKeyedServices(key)]</c> or
    /// <c>GetRequiredKeyedService&lt;TickCacheClient&gt;(key)</c>), so two configurations — e.g. a research cache and a
    /// production cache, or two API keys — live side by side. Its options are the named options <c>key.ToString()</c>,
    /// validated on start like the unkeyed ones.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="key">The service key (its <see cref="object.ToString"/> names the options).</param>
    /// <param name="configure">Fills in the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddKeyedTickCache(this IServiceCollection services, object key, Action<TickCacheOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(configure);
        var name = key.ToString() ?? throw new ArgumentException("The key's ToString() is null: use a key with a name.", nameof(key));
        services.AddOptions<TickCacheOptions>(name).Configure(configure).ValidateOnStart();
        AddShared(services);
        services.AddKeyedSingleton(key, (provider, _) => Create(provider, provider.GetRequiredService<IOptionsMonitor<TickCacheOptions>>().Get(name)));
        return services;
    }

    private static TickCacheClient Create(IServiceProvider provider, TickCacheOptions options)
    {
        options.HttpHandler ??= provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(HttpClientName);
        options.MeterFactory ??= provider.GetService<System.Diagnostics.Metrics.IMeterFactory>();
        return new TickCacheClient(options, provider.GetService<ILoggerFactory>());
    }

    /// <summary>What every registration needs once: the named HTTP client and the options validator.</summary>
    private static void AddShared(IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TickCacheOptions>, TickCacheOptionsValidator>());
    }

    private static IServiceCollection AddClient(IServiceCollection services)
    {
        AddShared(services);
        services.TryAddSingleton(provider => Create(provider, provider.GetRequiredService<IOptions<TickCacheOptions>>().Value));
        return services;
    }
}

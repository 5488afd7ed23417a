using Microsoft.Extensions.Options;

namespace TickCache.Hosting;

/// <summary>Validates <see cref="TickCacheOptions"/> for the options system with the client's own validator (one set of rules, one set of messages).</summary>
internal sealed class TickCacheOptionsValidator : IValidateOptions<TickCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, TickCacheOptions options)
    {
        try
        {
            TickCacheClient.ValidateOptions(options);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}

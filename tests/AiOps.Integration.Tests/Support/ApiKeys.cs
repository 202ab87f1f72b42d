using System.Net.Http.Headers;
using AiOps.Silo.Security;

namespace AiOps.Integration.Tests.Support;

/// <summary>Fresh API keys for a test host: the settings that configure them, and a client per key holder.</summary>
public sealed class ApiKeys
{
    private readonly Dictionary<string, string> _keyByName = [];
    private readonly Dictionary<string, string?> _settings = [];

    public ApiKeys Add(string name, string role)
    {
        var key = ApiKeyHash.NewKey();
        _keyByName[name] = key;
        _settings[$"Auth:Keys:{name}:Hash"] = ApiKeyHash.Of(key);
        _settings[$"Auth:Keys:{name}:Role"] = role;
        return this;
    }

    public ApiKeys With(string setting, string value)
    {
        _settings[setting] = value;
        return this;
    }

    public IDictionary<string, string?> Settings => _settings;

    public string KeyOf(string name) => _keyByName[name];

    /// <summary>A client of the host that sends <paramref name="key"/> (or no key, for null).</summary>
    public static HttpClient Client(TestHost host, string? key)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public HttpClient ClientOf(TestHost host, string name) => Client(host, KeyOf(name));
}

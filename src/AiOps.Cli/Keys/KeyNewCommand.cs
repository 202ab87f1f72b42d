using AiOps.Silo.Security;

namespace AiOps.Cli.Keys;

/// <summary>
/// <c>aiops key new --name NAME --role ROLE</c>: makes a random API key, prints it once for its holder, and
/// prints the configuration entry, which holds only its hash.
/// </summary>
public static class KeyNewCommand
{
    public static int Run(string name, string role, TextWriter output)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ArgumentException("--name: give the key holder's name (letters, digits, '-', '_', '.')");
        }

        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"--role: one of {string.Join(", ", Roles.All)}, not '{role}'");
        }

        var key = ApiKeyHash.NewKey();
        output.WriteLine($"key (give it to {name}; it is not stored anywhere): {key}");
        output.WriteLine("configuration (appsettings.json, or the environment variables below):");
        output.WriteLine($"  \"Auth\": {{ \"Keys\": {{ \"{name}\": {{ \"Hash\": \"{ApiKeyHash.Of(key)}\", \"Role\": \"{role}\" }} }} }}");
        output.WriteLine($"  Auth__Keys__{name}__Hash={ApiKeyHash.Of(key)}");
        output.WriteLine($"  Auth__Keys__{name}__Role={role}");
        return 0;
    }
}

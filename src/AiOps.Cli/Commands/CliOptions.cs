using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace AiOps.Cli.Commands;

/// <summary>The option shapes the commands share: whole numbers with a floor, the host's URL, folders.</summary>
public static class CliOptions
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static Option<int> Number(string name, int fallback, int min, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = result => ParseNumber(result, name, min) ?? fallback,
        HelpName = "N",
    };

    /// <summary>A whole number with a floor, or an error naming the option (which makes the command line a usage error).</summary>
    public static int? ParseNumber(ArgumentResult result, string name, int min)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min)
        {
            return value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture, $"option '{name}' must be a whole number of at least {min}, not '{text}'"));
        return null;
    }

    public static Option<Uri> Url() => new("--url")
    {
        Description = "the host's base address (a host with API keys: an admin key in the environment variable AIOPS_API_KEY)",
        DefaultValueFactory = _ => new Uri(DefaultUrl),
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                return url;
            }

            result.AddError($"option '--url' must be an absolute http(s) address, not '{text}'");
            return null;
        },
        HelpName = "URL",
    };

    public static Option<string> Folder(string name, string description, bool required) => new(name)
    {
        Description = description,
        Required = required,
        HelpName = "DIR",
    };

    /// <summary>A policy folder argument that defaults to <c>./policies</c>, as the host reads it from a checkout.</summary>
    public static Argument<string> PolicyFolder(string description) => new("DIR")
    {
        Description = description,
        DefaultValueFactory = _ => "policies",
    };

    /// <summary>The folder, or a usage error naming it: a missing folder is the caller's mistake, not a finding.</summary>
    public static string ExistingFolder(string path, string what) =>
        Directory.Exists(path) ? path : throw new ArgumentException($"no such {what}: {path}");
}

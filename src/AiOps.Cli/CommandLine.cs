using System.Globalization;

namespace AiOps.Cli;

/// <summary><c>--name value</c> options of a command, with the errors a person can act on.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public CommandLine(IEnumerable<string> args, params string[] known)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var name = list[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || !known.Contains(name[2..]))
            {
                throw new ArgumentException($"unknown option '{name}'; known: {string.Join(", ", known.Select(k => "--" + k))}");
            }

            if (i + 1 >= list.Count)
            {
                throw new ArgumentException($"option '{name}' needs a value");
            }

            _options[name[2..]] = list[++i];
        }
    }

    public string Text(string name, string fallback) => _options.GetValueOrDefault(name, fallback);

    public int Number(string name, int fallback, int min = 0) =>
        !_options.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min ? value
        : throw new ArgumentException($"option '--{name}' must be a whole number of at least {min}, not '{text}'");
}

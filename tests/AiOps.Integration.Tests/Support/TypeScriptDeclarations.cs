using System.Text.RegularExpressions;

namespace AiOps.Integration.Tests.Support;

/// <summary>
/// Reads the exported interfaces and string-literal type aliases of a TypeScript file written as the plugin's
/// <c>types.ts</c> is: one property a line. Enough for a contract check, not a TypeScript parser.
/// </summary>
public static partial class TypeScriptDeclarations
{
    public static IReadOnlyList<TsDeclaration> Parse(string source)
    {
        var declarations = new List<TsDeclaration>();
        foreach (Match match in Interface().Matches(source))
        {
            var properties = new List<TsProperty>();
            foreach (Match property in Property().Matches(match.Groups["body"].Value))
            {
                properties.Add(new TsProperty(property.Groups["name"].Value, property.Groups["optional"].Success,
                    property.Groups["type"].Value.Trim(), property.Groups["doc"].Value));
            }

            declarations.Add(new TsDeclaration(match.Groups["name"].Value, match.Groups["doc"].Value, properties, [], IsInterface: true));
        }

        foreach (Match match in Alias().Matches(source))
        {
            var literals = Literal().Matches(match.Groups["type"].Value).Select(l => l.Groups[1].Value).ToList();
            declarations.Add(new TsDeclaration(match.Groups["name"].Value, match.Groups["doc"].Value, [], literals, IsInterface: false));
        }

        return declarations;
    }

    [GeneratedRegex(@"(?:/\*\*(?<doc>(?:(?!\*/).)*)\*/\s*)?^export interface (?<name>\w+)\s*\{(?<body>.*?)^\}", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Interface();

    [GeneratedRegex(@"(?:/\*\*(?<doc>(?:(?!\*/).)*)\*/\s*)?^[ \t]+(?<name>\w+)(?<optional>\?)?\s*:\s*(?<type>[^;\n]+);", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Property();

    [GeneratedRegex(@"(?:/\*\*(?<doc>(?:(?!\*/).)*)\*/\s*)?^export type (?<name>\w+)\s*=(?<type>[^;]+);", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Alias();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Literal();
}

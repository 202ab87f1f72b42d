using System.CommandLine;
using AiOps.Cli.Keys;
using AiOps.Silo.Security;

namespace AiOps.Cli.Commands;

/// <summary><c>aiops key new --name NAME --role ROLE</c>.</summary>
public static class KeyCommandLine
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "the key holder's name (letters, digits, '-', '_', '.')", Required = true, HelpName = "NAME" };
        var role = new Option<string>("--role") { Description = "what the key may do", Required = true };
        role.AcceptOnlyFromAmong(Roles.All);
        var create = new Command("new", "make an API key for the host's Auth:Keys; prints the key once and its hashed entry") { name, role };
        AiOpsCli.Handle(create, (parsed, output, _, _) =>
            Task.FromResult(KeyNewCommand.Run(parsed.GetValue(name)!, parsed.GetValue(role)!, output)));
        return new Command("key", "API keys") { create };
    }
}

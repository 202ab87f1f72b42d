namespace AiOps.Integration.Tests.Support;

/// <summary>A property of a TypeScript interface: <c>name?: type;</c> with its JSDoc comment.</summary>
public sealed record TsProperty(string Name, bool Optional, string Type, string Doc)
{
    public bool AllowsNull => Type.Split('|').Any(part => part.Trim() == "null");
}

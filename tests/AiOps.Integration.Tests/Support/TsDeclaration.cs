namespace AiOps.Integration.Tests.Support;

/// <summary>
/// An exported TypeScript declaration: an interface with its properties, or a type alias with its string literals
/// (<c>'low' | 'high'</c>); <see cref="Doc"/> is the JSDoc comment before it.
/// </summary>
public sealed record TsDeclaration(string Name, string Doc, IReadOnlyList<TsProperty> Properties, IReadOnlyList<string> Literals, bool IsInterface);

namespace AiOps.Contracts;

public static class SchemaVersion
{
    public const string Current = "3.0";
}

namespace AiOps.Integration.Tests.Support;

/// <summary>A test that runs a tool from a Debian package: skipped, with the reason, where it is not installed.</summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(string binary, string package)
    {
        if (!File.Exists(binary))
        {
            Skip = $"{binary} is not installed (apt-get install {package}; .ci/run does this)";
        }
    }
}

namespace AiOps.Integration.Tests.Support;

/// <summary>A test that drives headless Chromium: skipped, with the reason, where Debian's chromium is not installed.</summary>
public sealed class RequiresChromiumFactAttribute : FactAttribute
{
    public const string Binary = "/usr/bin/chromium";

    public RequiresChromiumFactAttribute()
    {
        if (!File.Exists(Binary))
        {
            Skip = "chromium is not installed (apt-get install chromium; .ci/run does this)";
        }
    }
}

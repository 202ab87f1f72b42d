namespace AiOps.Contracts;

public enum Confidence
{
    Low,
    Medium,
    High,
}

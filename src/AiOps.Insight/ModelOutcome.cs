namespace AiOps.Insight;

/// <summary>A guarded model call's answer, or why there is none (timeout, error, unusable answer, circuit open).</summary>
public readonly record struct ModelOutcome<T>(bool Succeeded, T? Value, string Problem)
{
    public static ModelOutcome<T> Ok(T value) => new(true, value, "");

    public static ModelOutcome<T> Failed(string problem) => new(false, default, problem);
}

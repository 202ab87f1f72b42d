namespace AiOps.Infrastructure.Retention;

public sealed record RetentionReport(int IncidentsRemoved, int TracesRemoved);

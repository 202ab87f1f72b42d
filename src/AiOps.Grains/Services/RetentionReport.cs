namespace AiOps.Grains.Services;

public sealed record RetentionReport(int IncidentsRemoved, int TracesRemoved);

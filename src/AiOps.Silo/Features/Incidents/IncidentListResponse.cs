using AiOps.Contracts.Messages;

namespace AiOps.Silo.Features.Incidents;

public sealed record IncidentListResponse(IReadOnlyList<Incident> Data, int Total, int Page, int PerPage, int Pages);

namespace AiOps.Silo.Features.Notifications;

public sealed record NotificationListResponse(IReadOnlyList<NotificationView> Data, int Total);

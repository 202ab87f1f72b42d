namespace AiOps.Core.Ingest;

/// <summary>One ingest item is unusable; the message names the field and what is wrong with it.</summary>
public sealed class InvalidItemException(string message) : Exception(message);

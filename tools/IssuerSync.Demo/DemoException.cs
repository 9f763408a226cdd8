namespace IssuerSync.Demo;

/// <summary>A refused input or setup: printed as one line, exit 2.</summary>
public sealed class DemoException(string message) : Exception(message);

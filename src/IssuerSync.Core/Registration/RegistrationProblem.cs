namespace IssuerSync.Core.Registration;

/// <summary>One thing wrong with a registration: which setting, the value found, and how to fix it.</summary>
public sealed record RegistrationProblem(string Name, string Value, string Fix)
{
    public override string ToString() => $"{Name} = '{Value}': {Fix}";
}

namespace IssuerSync.Core.Registration;

/// <summary>Validated registrations, found by issuer URL (byte for byte) or by id.</summary>
public sealed class IssuerRegistry
{
    private readonly Dictionary<string, IssuerRegistration> _byIssuer;
    private readonly Dictionary<string, IssuerRegistration> _byId;

    internal IssuerRegistry(IReadOnlyList<IssuerRegistration> registrations)
    {
        _byIssuer = registrations.ToDictionary(r => r.Issuer, StringComparer.Ordinal);
        _byId = registrations.ToDictionary(r => r.Id, StringComparer.Ordinal);
        All = registrations;
    }

    public IReadOnlyList<IssuerRegistration> All { get; }

    public IssuerRegistration? FindByIssuer(string issuer) => _byIssuer.GetValueOrDefault(issuer);

    public IssuerRegistration? FindById(string id) => _byId.GetValueOrDefault(id);
}

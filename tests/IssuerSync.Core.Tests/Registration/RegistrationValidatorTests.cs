using IssuerSync.Core.Registration;

namespace IssuerSync.Core.Tests.Registration;

public class RegistrationValidatorTests
{
    private static readonly IssuerRegistration Valid = new()
    {
        Id = "prod",
        Issuer = "https://oidc.example.com/prod",
        Target = "dir:/srv/oidc",
        AgentSubject = "system:serviceaccount:issuersync:agent",
    };

    [Fact]
    public void Load_FindsTheRegistrationByIssuer_WhenValid()
    {
        var registry = RegistrationValidator.Load([Valid]);

        Assert.Same(Valid, registry.FindByIssuer("https://oidc.example.com/prod"));
        Assert.Null(registry.FindByIssuer("https://oidc.example.com/prod/"));
        Assert.Same(Valid, registry.FindById("prod"));
    }

    public static TheoryData<string, IssuerRegistration, string, string> Problems => new()
    {
        { "bad id", Valid with { Id = "Prod_1" }, "issuers[0].Id", "Prod_1" },
        { "id with a trailing newline", Valid with { Id = "prod\n" }, "issuers[0].Id", "prod\n" },
        { "http issuer", Valid with { Issuer = "http://oidc.example.com" }, "issuers[prod].Issuer", "http://oidc.example.com" },
        { "no target", Valid with { Target = " " }, "issuers[prod].Target", " " },
        { "bad subject", Valid with { AgentSubject = "issuersync:agent" }, "issuers[prod].AgentSubject", "issuersync:agent" },
        { "empty audience", Valid with { Audience = "" }, "issuers[prod].Audience", "" },
        { "zero token lifetime", Valid with { MaxTokenLifetime = TimeSpan.Zero }, "issuers[prod].MaxTokenLifetime", "00:00:00" },
        { "retention too short", Valid with { RetentionWindow = TimeSpan.FromMinutes(5) }, "issuers[prod].RetentionWindow", "00:05:00" },
        { "retention under token lifetime", Valid with { RetentionWindow = TimeSpan.FromHours(2), MaxTokenLifetime = TimeSpan.FromHours(3) }, "issuers[prod].RetentionWindow", "02:00:00" },
        { "bundle age over retention", Valid with { MaxBundleAge = TimeSpan.FromDays(30) }, "issuers[prod].MaxBundleAge", "30.00:00:00" },
        { "cache-control with newline", Valid with { CacheControl = "max-age=60\nx: y" }, "issuers[prod].CacheControl", "max-age=60\nx: y" },
    };

    [Theory]
    [InlineData("factory-1", true)]
    [InlineData("0", true)]
    [InlineData("factory-1\n", false)]
    [InlineData("../x", false)]
    [InlineData("Factory", false)]
    [InlineData("-a", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidId_AcceptsOnlyTheRegistrationIdForm(string? id, bool valid)
        => Assert.Equal(valid, RegistrationValidator.IsValidId(id));

    [Theory]
    [MemberData(nameof(Problems))]
    public void Validate_NamesTheSettingAndValue_WhenASettingIsWrong(string name, IssuerRegistration registration, string setting, string value)
    {
        var problems = RegistrationValidator.Validate([registration]);

        var problem = Assert.Single(problems);
        Assert.Equal(setting, problem.Name);
        Assert.Equal(value, problem.Value);
        Assert.False(string.IsNullOrWhiteSpace(problem.Fix), name);
    }

    [Fact]
    public void Load_ReportsEveryProblemAtOnce_WhenSeveralAreWrong()
    {
        var broken = Valid with { Id = "edge", Issuer = "https://oidc.example.com/edge?x=1", AgentSubject = "root", RetentionWindow = TimeSpan.FromMinutes(1) };

        var error = Assert.Throws<RegistrationException>(() => RegistrationValidator.Load([Valid, broken, Valid with { Issuer = "https://oidc.example.com/other" }]));

        Assert.Equal(
            ["issuers[edge].Issuer", "issuers[edge].AgentSubject", "issuers[edge].RetentionWindow", "issuers[prod].Id"],
            error.Problems.Select(p => p.Name));
        Assert.StartsWith("4 problem(s) in the issuer registrations:", error.Message, StringComparison.Ordinal);
        Assert.Contains("issuers[edge].AgentSubject = 'root': give the agent's service account as system:serviceaccount:NAMESPACE:NAME", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefusesTheSameIssuerTwice()
    {
        var problems = RegistrationValidator.Validate([Valid, Valid with { Id = "prod-2" }]);

        var problem = Assert.Single(problems);
        Assert.Equal("Issuer", problem.Name);
        Assert.Equal("registered 2 times (ids prod, prod-2): an issuer URL belongs to one registration", problem.Fix);
    }
}

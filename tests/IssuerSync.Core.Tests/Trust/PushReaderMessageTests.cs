using System.Text;
using System.Text.Json.Nodes;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Push;
using IssuerSync.Core.Trust;
using IssuerSync.Testing;
using static IssuerSync.Core.Tests.Trust.PushWorld;

namespace IssuerSync.Core.Tests.Trust;

/// <summary>
/// The reader's refusals word for word (a refusal is the agent operator's only clue: it names the
/// value and the fix), its size and depth limits at their edges, and its arguments.
/// </summary>
public class PushReaderMessageTests
{
    [Fact]
    public void Read_Throws_WhenRegistryOrOptionsAreNull()
    {
        Assert.Equal("registry", Assert.Throws<ArgumentNullException>(() => PushReader.Read(Body(KeyA), Token(), Source, null!, Options, Now)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => PushReader.Read(Body(KeyA), Token(), Source, Registry, null!, Now)).ParamName);
    }

    [Fact]
    public void Read_RefusesOneByteOverTheLimit_AndReadsABodyOfExactlyTheLimit()
    {
        var atLimit = PushReader.Read(new byte[PushProtocol.MaxBodyBytes], Token(), Source, Registry, Options, Now);
        var over = PushReader.Read(new byte[PushProtocol.MaxBodyBytes + 1], Token(), Source, Registry, Options, Now);

        Assert.Equal(PushRefusalCodes.BodyMalformed, atLimit.Refusal!.Code);
        Assert.Equal(new PushRefusal(PushRefusalCodes.BodyTooLarge, 413, $"the push body is {PushProtocol.MaxBodyBytes + 1} bytes; at most {PushProtocol.MaxBodyBytes} are accepted: push only the issuer's public keys"), over.Refusal);
    }

    [Theory]
    [InlineData(32, null)]
    [InlineData(33, "body_malformed")]
    [InlineData(64, "body_malformed")]
    public async Task DecideAsync_LimitsTheBodyTo32Levels(int depth, string? error)
    {
        // The extra member is skipped by the reader; only its depth matters (the root object is level 1).
        var body = JsonNode.Parse(Body(KeyA))!;
        var json = body.ToJsonString();
        var nested = new string('[', depth - 1) + new string(']', depth - 1);
        var deep = Encoding.UTF8.GetBytes(json[..^1] + ",\"extra\":" + nested + "}");

        var decision = await DecideAsync(deep, Token());

        Assert.Equal(error, decision.Response.Error);
    }

    public static TheoryData<string, string, int, string> Messages => new()
    {
        { "no token", PushRefusalCodes.TokenMissing, 401, "the push has no bearer token: send 'Authorization: Bearer <token>' with a token the cluster minted for the agent's service account" },
        { "two segments", PushRefusalCodes.TokenMalformed, 401, "the bearer token is not a canonical compact JWT: it has 2 segments, not the 3 of a compact JWS (header.payload.signature); send the service-account token the cluster minted, unchanged" },
        { "header not JSON", PushRefusalCodes.TokenMalformed, 401, "the bearer token is not a well-formed JWT (header.payload.signature): send the service-account token the cluster minted, unchanged" },
        { "no version", PushRefusalCodes.UnsupportedVersion, 400, "push version '(none)' is not supported: this publisher accepts 'issuersync.push/v1'; use an agent of the same release" },
        { "version v2", PushRefusalCodes.UnsupportedVersion, 400, "push version 'issuersync.push/v2' is not supported: this publisher accepts 'issuersync.push/v1'; use an agent of the same release" },
        { "undecodable string", PushRefusalCodes.BodyMalformed, 400, "the push body is not valid UTF-8 JSON (a string is not valid UTF-8 or holds a lone surrogate escape): see docs/push-protocol.md" },
        { "alg PS256", PushRefusalCodes.TokenAlgorithmNotAllowed, 401, "the token's alg is 'PS256': only RS256, ES256, ES384, ES512 are accepted (never none or HMAC): send the token the cluster signed" },
        { "no iss", PushRefusalCodes.IssuerUnknown, 403, "the token's issuer '(none)' is not registered with this publisher: register it, or check that the cluster's --service-account-issuer matches the registration byte for byte" },
        { "body of the other issuer", PushRefusalCodes.IssuerMismatch, 403, $"the body's issuer '{OtherIssuer}' differs from the token's iss '{Issuer}': push the keys of the cluster that minted the token" },
        { "unknown source", PushRefusalCodes.UnknownSource, 400, "source 'carrier-pigeon' is unknown: use 'live' or 'bundle'" },
        { "observed in the future", PushRefusalCodes.ObservedInFuture, 400, $"observedAt {Now.AddMinutes(2).AddSeconds(1):O} is in the future (now {Now:O}): fix the agent host's clock" },
        { "stale bundle", PushRefusalCodes.BundleStale, 400, $"the bundle was observed at {Now.AddHours(-12).AddSeconds(-1):O}, older than the 12:00:00 issuer prod accepts: export a fresh bundle on the cluster, or raise the issuer's MaxBundleAge on the publisher (IssuerSync__Issuers__N__MaxBundleAge for the issuer with Id prod, written days.hours:minutes:seconds, e.g. 2.00:00:00 for 2 days; at most its RetentionWindow)" },
        { "empty JWKS", PushRefusalCodes.JwksEmpty, 400, "the pushed JWKS has no keys: publishing it would make every token of the cluster unverifiable; check that the agent reads the API server's /openid/v1/jwks" },
        { "17 keys", PushRefusalCodes.JwksTooManyKeys, 400, "the pushed JWKS has 17 keys; at most 16 are accepted in one push (a cluster serves its few --service-account-key-file keys): push the JWKS the API server serves, unchanged" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Read_NamesTheValueAndTheFix_InEveryRefusal(string name, string code, int status, string message)
    {
        var (body, token) = Build(name);

        var read = PushReader.Read(body, token, Source, Registry, Options, Now);

        Assert.Null(read.Candidate);
        Assert.Equal(new PushRefusal(code, status, message), read.Refusal);
    }

    public static TheoryData<string, string> Shapes => new()
    {
        // token, why it is not canonical (checked before anything is decoded, so the segments need not be real)
        { "eyJh.eyJi.c2ln.a2V5.dGFn", "it is an encrypted JWT (JWE), not a signed one" },
        { "eyJh.eyJi.c2ln.eA", "it has 4 segments, not the 3 of a compact JWS (header.payload.signature)" },
        { ".eyJi.c2ln", "its header segment is empty" },
        { "eyJh..c2ln", "its payload segment is empty" },
        { "ey+h.eyJi.c2ln", "its header segment holds '+' (standard base64, not base64url)" },
        { "eyJh.ey/i.c2ln", "its payload segment holds '/' (standard base64, not base64url)" },
        { "eyJh.eyJi.c2ln=", "its signature segment is padded with '=' (base64url in a JWT has no padding)" },
        { "eyJh.eyJi.c2 l", "its signature segment holds whitespace" },
        { "eyJh.eyJi.c2*n", "its signature segment holds the character U+002A, which is not base64url" },
        { "eyJh.eyJi.c2lnA", "its signature segment has a length that no base64url encoding has (truncated)" },
        { "eyJh.eyJi.AB", "its signature segment has non-zero trailing bits (not the canonical encoding)" },
        { "eyJh.eyJi.AAB", "its signature segment has non-zero trailing bits (not the canonical encoding)" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Read_NamesTheSegmentAndTheProblem_WhenTheTokenIsNotCanonical(string token, string problem)
    {
        var read = PushReader.Read(Body(KeyA), token, Source, Registry, Options, Now);

        Assert.Equal(new PushRefusal(PushRefusalCodes.TokenMalformed, 401, $"the bearer token is not a canonical compact JWT: {problem}; send the service-account token the cluster minted, unchanged"), read.Refusal);
    }

    [Theory]
    [InlineData("eyJh.eyJi.AA")]
    [InlineData("eyJh.eyJi.AQ")]
    [InlineData("eyJh.eyJi.AAE")]
    [InlineData("eyJh.eyJi.AA0")]
    [InlineData("eyJh.eyJi.az-_")]
    public void Read_GetsPastTheShapeCheck_WhenEverySegmentIsCanonical(string token)
    {
        var read = PushReader.Read(Body(KeyA), token, Source, Registry, Options, Now);

        // The shape is canonical; the segments do not decode to a JWT, which the next check says.
        Assert.Equal("the bearer token is not a well-formed JWT (header.payload.signature): send the service-account token the cluster minted, unchanged", read.Refusal!.Message);
    }

    [Fact]
    public void Read_DescribesTheJsonError_WhenTheBodyIsNotJson()
    {
        var read = PushReader.Read("{\"version\":"u8, Token(), Source, Registry, Options, Now);

        Assert.Equal(PushRefusalCodes.BodyMalformed, read.Refusal!.Code);
        const string Start = "the push body is not a valid issuersync.push/v1 JSON document (", End = "): see docs/push-protocol.md";
        Assert.StartsWith(Start, read.Refusal.Message, StringComparison.Ordinal);
        Assert.EndsWith(End, read.Refusal.Message, StringComparison.Ordinal);
        Assert.Contains("line", read.Refusal.Message[Start.Length..^End.Length], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Read_AcceptsAnObservedAt_ExactlyTheSkewAhead()
    {
        var read = PushReader.Read(BodyWith(Jwks(KeyA), observedAt: Now + Options.ClockSkew), Token(), Source, Registry, Options, Now);

        Assert.Null(read.Refusal);
    }

    [Fact]
    public void Read_NamesEveryKeyWithPrivateMembers_ByPositionKidAndMember()
    {
        var jwks = JsonNode.Parse(Jwks(KeyA, KeyB))!;
        jwks["keys"]![0]!["kid"] = 5;
        jwks["keys"]![0]!["d"] = "c2VjcmV0";
        jwks["keys"]![0]!["qi"] = "c2VjcmV0";
        jwks["keys"]![1]!["k"] = "c2VjcmV0";

        var read = PushReader.Read(BodyWith(jwks.ToJsonString()), Token(), Source, Registry, Options, Now);

        var kid2 = jwks["keys"]![1]!["kid"]!.GetValue<string>();
        Assert.Equal(
            new PushRefusal(PushRefusalCodes.JwksPrivateKey, 400, $"the pushed JWKS holds private key parameters (key 1 has 'd', 'qi'; key 2 (kid {kid2}) has 'k'): nothing was stored; treat those keys as compromised, rotate them, and push public keys only"),
            read.Refusal);
    }

    [Fact]
    public void Read_CarriesTheParsersProblems_WhenAKidIsNotTheKubernetesKid()
    {
        var jwks = JsonNode.Parse(Jwks(KeyA))!;
        jwks["keys"]![0]!["kid"] = "sha1-of-the-file";
        var text = jwks.ToJsonString();
        var problems = string.Join("; ", JwksParser.Parse(Encoding.UTF8.GetBytes(text)).Problems);

        var read = PushReader.Read(BodyWith(text), Token(), Source, Registry, Options, Now);

        Assert.Contains("sha1-of-the-file", problems, StringComparison.Ordinal);
        Assert.Equal(new PushRefusal(PushRefusalCodes.JwksKidMismatch, 400, $"the pushed JWKS names a key by another kid than Kubernetes computes for it ({problems}): push the JWKS the API server serves, unchanged"), read.Refusal);
    }

    [Fact]
    public void Read_JoinsEveryProblem_WhenSeveralKidsAreWrong()
    {
        var jwks = JsonNode.Parse(Jwks(KeyA, KeyB))!;
        jwks["keys"]![0]!["kid"] = "one";
        jwks["keys"]![1]!["kid"] = "two";
        var text = jwks.ToJsonString();
        var problems = JwksParser.Parse(Encoding.UTF8.GetBytes(text)).Problems;

        var read = PushReader.Read(BodyWith(text), Token(), Source, Registry, Options, Now);

        Assert.Equal(2, problems.Count);
        Assert.Equal(new PushRefusal(PushRefusalCodes.JwksKidMismatch, 400, $"the pushed JWKS names a key by another kid than Kubernetes computes for it ({problems[0]}; {problems[1]}): push the JWKS the API server serves, unchanged"), read.Refusal);
    }

    [Fact]
    public void Read_CarriesTheParsersProblems_WhenTheJwksIsInvalid()
    {
        const string Text = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"x\"}]}";
        var problems = string.Join("; ", JwksParser.Parse(Encoding.UTF8.GetBytes(Text)).Problems);

        var read = PushReader.Read(BodyWith(Text), Token(), Source, Registry, Options, Now);

        Assert.NotEmpty(problems);
        Assert.Equal(new PushRefusal(PushRefusalCodes.JwksInvalid, 400, $"the pushed JWKS is not acceptable: {problems}"), read.Refusal);
    }

    [Fact]
    public void Read_SaysTheJwksHasNoKeys_WhenTheParserFindsNoProblemToName()
    {
        var read = PushReader.Read(BodyWith("{\"keys\":{}}"), Token(), Source, Registry, Options, Now);

        Assert.Equal(PushRefusalCodes.JwksInvalid, read.Refusal!.Code);
        Assert.StartsWith("the pushed JWKS is not acceptable: ", read.Refusal.Message, StringComparison.Ordinal);
        Assert.NotEqual("the pushed JWKS is not acceptable: ", read.Refusal.Message);
    }

    [Fact]
    public void Candidate_NamesIssuerSourceAndHashes_AndNeverTheToken()
    {
        var token = Token();
        var body = Body(KeyA);
        var signingInput = token[..token.LastIndexOf('.')];

        var candidate = PushReader.Read(body, token, null, Registry, Options, Now).Candidate!;

        Assert.Equal(Sha256(Encoding.ASCII.GetBytes(signingInput)), candidate.TokenHash);
        Assert.Equal(Sha256(body), candidate.BodyHash);
        Assert.Equal($"push for issuer prod from (unknown) (token sha256 {candidate.TokenHash}, body sha256 {candidate.BodyHash})", candidate.ToString());
        Assert.Equal($"push for issuer prod from 10.0.0.9 (token sha256 {candidate.TokenHash}, body sha256 {candidate.BodyHash})", (candidate with { SourceAddress = Source }).ToString());
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant();

    private static (byte[] Body, string? Token) Build(string name) => name switch
    {
        "no token" => (Body(KeyA), null),
        "two segments" => (Body(KeyA), "a.b"),
        "header not JSON" => (Body(KeyA), $"{System.Buffers.Text.Base64Url.EncodeToString("not json"u8)}.{TestTokens.Encode(Claims())}.c2ln"),
        "no version" => ("{\"issuer\":\"https://oidc.example.com/prod\"}"u8.ToArray(), Token()),
        "version v2" => (Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body(KeyA)).Replace("issuersync.push/v1", "issuersync.push/v2", StringComparison.Ordinal)), Token()),
        "undecodable string" => ([.. "{\"version\":\"issuersync.push/v1\",\"x\":\""u8, 0xC1, .. "\"}"u8], Token()),
        "alg PS256" => (Body(KeyA), TestTokens.SignRaw(new JsonObject { ["alg"] = "PS256", ["kid"] = Kid(KeyA) }, Claims(), _ => [1, 2, 3])),
        "no iss" => (Body(KeyA), Token(edit: c => c.Remove("iss"))),
        "body of the other issuer" => (BodyWith(Jwks(KeyA), issuer: OtherIssuer), Token()),
        "unknown source" => (BodyWith(Jwks(KeyA), source: "carrier-pigeon"), Token()),
        "observed in the future" => (BodyWith(Jwks(KeyA), observedAt: Now.AddMinutes(2).AddSeconds(1)), Token()),
        "stale bundle" => (BodyWith(Jwks(KeyA), source: PushProtocol.SourceBundle, observedAt: Now.AddHours(-12).AddSeconds(-1)), Token()),
        "empty JWKS" => (BodyWith("{\"keys\":[]}"), Token()),
        "17 keys" => (BodyWith($"{{\"keys\":[{string.Join(",", Enumerable.Repeat(JsonNode.Parse(Jwks(KeyA))!["keys"]![0]!.ToJsonString(), 17))}]}}"), Token()),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
    };
}

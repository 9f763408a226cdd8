namespace IssuerSync.Demo;

/// <summary><c>token</c>: a workload's token, signed by the key the API server signs with now (what <c>kubectl create token</c> prints).</summary>
public static class TokenCommand
{
    public static int Run(DemoArguments options)
    {
        var keys = new DemoKeys(Path.GetFullPath(options.Required("dir")));
        var (key, kid) = keys.Signing();
        using (key)
        {
            var subject = options.Optional("subject") ?? "system:serviceaccount:default:workload";
            var claims = DemoJwt.Claims(options.Required("issuer"), subject, [options.Required("audience")], DateTimeOffset.UtcNow, 3600);
            Console.WriteLine(DemoJwt.Sign(key, kid, claims));
        }

        return 0;
    }
}

using IssuerSync.Demo;

// issuersync-demo VERB --name value …: one stand-in per verb (see the project file).
var verb = args.Length > 0 ? args[0] : string.Empty;
var options = DemoArguments.Parse(args.Skip(1));
try
{
    return verb switch
    {
        "apiserver" => await ApiServerStandIn.RunAsync(options),
        "token" => TokenCommand.Run(options),
        "front" => await TlsFront.RunAsync(options),
        "container" => await ContainerCommand.RunAsync(options),
        _ => Usage(),
    };
}
catch (DemoException e)
{
    Console.Error.WriteLine($"issuersync-demo {verb}: error: {e.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: issuersync-demo apiserver --dir DIR --issuer URL       the cluster's API server (https on 127.0.0.1, a free port);
                                                                      writes DIR/kubeconfig, then DIR/apiserver.url when listening
               issuersync-demo token --dir DIR --issuer URL --audience AUD [--subject SUB]
                                                                      prints a token signed by the key DIR/signing names (kubectl create token)
               issuersync-demo front --dir DIR --upstream URL        anonymous GET-only https front of URL; writes DIR/front-ca.pem, then DIR/front.url
               issuersync-demo container --connection-variable VAR --name NAME
                                                                      creates a public-read (blob) container with the connection string in $VAR
        DIR/serving lists the keys the API server verifies with (names of DIR/keys/NAME.key, one per line); DIR/signing names the one that signs.
        """);
    return 1;
}

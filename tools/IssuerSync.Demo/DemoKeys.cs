using System.Security.Cryptography;
using System.Text;
using IssuerSync.Core.Keys;

namespace IssuerSync.Demo;

/// <summary>
/// The cluster's service-account keys: DIR/keys/NAME.key (private, owner-only) and NAME.pub, made on first start
/// (a: RSA 2048, b: EC P-256, as a k3s or kubeadm cluster may hold); which are served and which signs is read from
/// DIR/serving and DIR/signing at every request, so that the demo switches them by writing a file.
/// </summary>
public sealed class DemoKeys(string dir)
{
    public static readonly string[] Names = ["a", "b"];

    public string KeysFolder => Path.Combine(dir, "keys");

    public void CreateMissing()
    {
        Directory.CreateDirectory(KeysFolder);
        foreach (var name in Names)
        {
            var file = Path.Combine(KeysFolder, name + ".key");
            if (File.Exists(file))
            {
                continue;
            }

            using AsymmetricAlgorithm key = name == "a" ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
            File.WriteAllText(file, key.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.WriteAllText(Path.Combine(KeysFolder, name + ".pub"), key.ExportSubjectPublicKeyInfoPem());
        }

        WriteIfMissing("serving", "a\n");
        WriteIfMissing("signing", "a\n");
    }

    /// <summary>The keys the API server verifies with now (DIR/serving).</summary>
    public KeySet Serving() => KeySet.Create(ReadNames("serving").Select(Public));

    /// <summary>The key TokenRequest signs with now (DIR/signing), and its kid.</summary>
    public (AsymmetricAlgorithm Key, string Kid) Signing()
    {
        var name = ReadNames("signing").FirstOrDefault() ?? throw new DemoException($"{Path.Combine(dir, "signing")} names no key");
        var pem = File.ReadAllText(Path.Combine(KeysFolder, Check(name) + ".key"));
        AsymmetricAlgorithm key = name == "a" ? RSA.Create() : ECDsa.Create();
        key.ImportFromPem(pem);
        return (key, Public(name).Kid);
    }

    private ServiceAccountKey Public(string name)
        => KeyFileParser.Parse(Encoding.ASCII.GetBytes(File.ReadAllText(Path.Combine(KeysFolder, Check(name) + ".pub"))), name + ".pub").Single();

    private List<string> ReadNames(string file)
        => File.ReadAllLines(Path.Combine(dir, file)).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private static string Check(string name)
        => Names.Contains(name, StringComparer.Ordinal) ? name : throw new DemoException($"unknown key '{name}': use one of {string.Join(", ", Names)}");

    private void WriteIfMissing(string file, string content)
    {
        var path = Path.Combine(dir, file);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, content);
        }
    }
}

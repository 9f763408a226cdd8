namespace IssuerSync.Cli.Tests.Trust;

/// <summary>
/// Stand-ins for az, aws, gcloud and kubectl, written into a folder put first on PATH. Each records
/// its argv (one line per call, tab-separated, to calls.log), refuses with exit 2 any command or
/// flag its list does not know, answers from responses.tsv, and kubectl apply keeps every manifest
/// it is given (file or stdin) as applied-N.yaml. The flag lists are taken from each CLI's own
/// reference pages, cited above each line; a trailing '=' marks a flag that takes a value, '~' one
/// whose value must be joined (--flag=value), [N] the number of positional arguments.
/// </summary>
internal static class CliStubs
{
    public const string LogFile = "calls.log";
    public const string ResponsesFile = "responses.tsv";

    private static readonly Dictionary<string, string> Flags = new()
    {
        ["az"] = """
            # Global parameters of every az command, listed on each reference page (https://learn.microsoft.com/cli/azure/identity, "Global Parameters").
            *: --debug --help -h --only-show-errors --output= -o= --query= --verbose --subscription=
            # https://learn.microsoft.com/cli/azure/identity#az-identity-create
            identity create: --name= -n= --resource-group= -g= --isolation-scope= --location= -l= --tags=
            # https://learn.microsoft.com/cli/azure/identity#az-identity-show
            identity show: --ids= --name= -n= --resource-group= -g=
            # https://learn.microsoft.com/cli/azure/identity/federated-credential#az-identity-federated-credential-create
            identity federated-credential create: --identity-name= --name= -n= --resource-group= -g= --audiences= --claims-matching-expression-value= --cme-value= --claims-matching-expression-version= --cme-version= --issuer= --subject=
            """,
        ["aws"] = """
            # Global options, in the synopsis of every page (https://docs.aws.amazon.com/cli/latest/reference/iam/create-role.html).
            *: --debug --endpoint-url= --no-verify-ssl --no-paginate --output= --query= --profile= --region= --version= --color= --no-sign-request --ca-bundle= --cli-read-timeout= --cli-connect-timeout= --cli-binary-format= --no-cli-pager --cli-auto-prompt --no-cli-auto-prompt --cli-input-json= --cli-input-yaml= --generate-cli-skeleton=
            # https://docs.aws.amazon.com/cli/latest/reference/iam/create-open-id-connect-provider.html
            iam create-open-id-connect-provider: --url= --client-id-list= --thumbprint-list= --tags=
            # https://docs.aws.amazon.com/cli/latest/reference/iam/create-role.html
            iam create-role: --path= --role-name= --assume-role-policy-document= --description= --max-session-duration= --permissions-boundary= --tags=
            # https://docs.aws.amazon.com/cli/latest/reference/iam/attach-role-policy.html
            iam attach-role-policy: --role-name= --policy-arn=
            """,
        ["gcloud"] = """
            # GCLOUD_WIDE_FLAG (https://cloud.google.com/sdk/gcloud/reference, "GCLOUD WIDE FLAGS").
            *: --access-token-file= --account= --billing-project= --configuration= --flags-file= --flatten= --format= --help --impersonate-service-account= --log-http --project= --quiet -q --trace-token= --user-output-enabled --verbosity=
            # https://cloud.google.com/sdk/gcloud/reference/iam/workload-identity-pools/create
            iam workload-identity-pools create [1]: --location= --description= --disabled --display-name= --inline-certificate-issuance-config-file= --inline-trust-config-file= --mode=
            # https://cloud.google.com/sdk/gcloud/reference/iam/workload-identity-pools/providers/create-oidc
            iam workload-identity-pools providers create-oidc [1]: --location= --workload-identity-pool= --attribute-mapping= --issuer-uri= --allowed-audiences= --attribute-condition= --description= --disabled --display-name= --jwk-json-path=
            # https://cloud.google.com/sdk/gcloud/reference/iam/workload-identity-pools/create-cred-config
            iam workload-identity-pools create-cred-config [1]: --output-file= --aws --azure --credential-cert-path= --credential-source-file= --credential-source-url= --executable-command= --app-id-uri= --credential-source-field-name= --credential-source-headers= --credential-source-type= --enable-imdsv2 --sts-location= --subject-token-type= --service-account= --service-account-token-lifetime-seconds=
            # https://cloud.google.com/sdk/gcloud/reference/iam/service-accounts/add-iam-policy-binding
            iam service-accounts add-iam-policy-binding [1]: --member= --role= --condition= --condition-from-file=
            """,
        ["kubectl"] = """
            # Global flags (https://kubernetes.io/docs/reference/kubectl/kubectl/).
            *: --namespace= -n= --context= --kubeconfig= --cluster= --user= --request-timeout=
            # https://kubernetes.io/docs/reference/kubectl/generated/kubectl_create/kubectl_create_namespace/ (--dry-run has an optional value: only --dry-run=VALUE)
            create namespace [1]: --allow-missing-template-keys --dry-run~ --field-manager= --output= -o= --save-config --show-managed-fields --template= --validate~
            # https://kubernetes.io/docs/reference/kubectl/generated/kubectl_create/kubectl_create_configmap/
            create configmap [1]: --allow-missing-template-keys --append-hash --dry-run~ --field-manager= --from-env-file= --from-file= --from-literal= --output= -o= --save-config --show-managed-fields --template= --validate~
            # https://kubernetes.io/docs/reference/kubectl/generated/kubectl_apply/
            apply: --filename= -f= --dry-run~ --field-manager= --force --force-conflicts --kustomize= -k= --output= -o= --overwrite --prune --recursive -R --selector= -l= --server-side --validate~ --wait
            # https://kubernetes.io/docs/reference/kubectl/generated/kubectl_annotate/
            annotate [*]: --all --dry-run~ --field-manager= --filename= -f= --list --local --output= -o= --overwrite --resource-version= --selector= -l=
            # https://kubernetes.io/docs/reference/kubectl/generated/kubectl_get/
            get [*]: --raw= --output= -o= --selector= -l= --all-namespaces -A
            """,
    };

    /// <summary>One bash script for all four tools: it reads its flag list by its own name.</summary>
    private const string Stub = """
        #!/usr/bin/env bash
        set -u
        tool="$(basename "$0")"
        here="$(cd "$(dirname "$0")" && pwd)"
        work="$(dirname "$here")"
        log() { { printf '%s' "$tool"; for a in "$@"; do printf '\t%s' "$a"; done; printf '\n'; } >> "$work/calls.log"; }
        # kubectl apply -f - logs once its stdin is read, so "a | kubectl apply -f -" is logged in pipeline order.
        stdin_apply=0
        if [ "$tool" = kubectl ] && [ "${1:-}" = apply ]; then
          for ((i = 2; i <= $#; i++)); do [ "${!i}" = - ] && stdin_apply=1; done
        fi
        [ "$stdin_apply" = 1 ] || log "$@"
        orig=("$@")
        refuse() { [ "$stdin_apply" = 0 ] || log "${orig[@]}"; echo "$tool (stub): $*" >&2; exit 2; }

        best=0; flags=""; positionals=0; globals=""
        while IFS= read -r line; do
          case "$line" in ''|'#'*) continue ;; esac
          head="${line%%:*}"; rest="${line#*:}"
          if [ "$head" = "*" ]; then globals="$rest"; continue; fi
          want=0
          case "$head" in *'['*) want="${head#*[}"; want="${want%]*}"; head="${head%%[*}" ;; esac
          read -r -a words <<< "$head"
          [ "${#words[@]}" -le "$#" ] || continue
          match=1
          for ((i = 0; i < ${#words[@]}; i++)); do
            [ "${words[$i]}" = "${@:$((i + 1)):1}" ] || { match=0; break; }
          done
          if [ "$match" = 1 ] && [ "${#words[@]}" -gt "$best" ]; then best="${#words[@]}"; flags="$rest"; positionals="$want"; fi
        done < "$here/$tool.flags"
        [ "$best" -gt 0 ] || refuse "unknown command: $*"

        known=" $flags $globals "
        args=("${@:$((best + 1))}")
        count=0; i=0
        while [ "$i" -lt "${#args[@]}" ]; do
          a="${args[$i]}"
          case "$a" in
            --*=*)
              name="${a%%=*}"
              [[ "$known" == *" $name= "* || "$known" == *" $name~ "* ]] || refuse "unknown flag $name in: $*"
              value="${a#*=}" ;;
            -?*)
              value=""
              if [[ "$known" == *" $a= "* ]]; then
                i=$((i + 1)); [ "$i" -lt "${#args[@]}" ] || refuse "flag $a needs a value"; value="${args[$i]}"
              elif [[ "$known" == *" $a~ "* ]]; then
                refuse "flag $a takes its value joined ($a=VALUE)"
              elif [[ "$known" != *" $a "* ]]; then
                refuse "unknown flag $a in: $*"
              fi ;;
            *) count=$((count + 1)); value="" ;;
          esac
          case "$value" in file://*) [ -f "${value#file://}" ] || { echo "$tool (stub): Error parsing parameter: Unable to load paramfile $value" >&2; exit 255; } ;; esac
          i=$((i + 1))
        done
        [ "$positionals" = "*" ] || [ "$count" = "$positionals" ] || refuse "$count positional arguments, expected $positionals, in: $*"

        if [ "$tool" = kubectl ] && [ "$1" = apply ]; then
          n=$(ls "$work" | grep -c '^applied-' || true)
          for ((i = 0; i < ${#args[@]}; i++)); do
            if [ "${args[$i]}" = -f ]; then
              file="${args[$((i + 1))]}"
              if [ "$file" = - ]; then cat > "$work/applied-$((n + 1)).yaml"; log "$@"; else cp "$file" "$work/applied-$((n + 1)).yaml"; fi
            fi
          done
        fi

        if [ -f "$work/responses.tsv" ]; then
          all=("$tool" "$@")
          while IFS=$'\t' read -r -a rule; do
            [ "${#rule[@]}" -ge 2 ] || continue
            need=("${rule[@]:2}"); j=0
            for w in "${all[@]}"; do
              if [ "$j" -lt "${#need[@]}" ] && [ "$w" = "${need[$j]}" ]; then j=$((j + 1)); fi
            done
            if [ "$j" = "${#need[@]}" ]; then
              [ "${rule[1]}" = - ] || printf '%b' "${rule[1]}"
              exit "${rule[0]}"
            fi
          done < "$work/responses.tsv"
        fi
        exit 0
        """;

    /// <summary>Writes the stubs into <paramref name="work"/>/bin and returns that folder, for PATH.</summary>
    public static string Install(string work)
    {
        var bin = Path.Combine(work, "bin");
        Directory.CreateDirectory(bin);
        foreach (var (tool, flags) in Flags)
        {
            var script = Path.Combine(bin, tool);
            File.WriteAllText(script, Stub.ReplaceLineEndings("\n") + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            File.WriteAllText(Path.Combine(bin, tool + ".flags"), flags.ReplaceLineEndings("\n") + "\n");
        }

        return bin;
    }

    /// <summary>A canned answer: calls whose argv holds <paramref name="words"/> in order exit with <paramref name="exitCode"/> after printing <paramref name="stdout"/> (\n escapes allowed).</summary>
    public static string Response(int exitCode, string? stdout, params string[] words) => string.Join('\t', [exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture), stdout ?? "-", .. words]) + "\n";
}

#!/usr/bin/env bash
# Regenerates the key fixtures of tests/IssuerSync.Core.Tests/Fixtures with openssl and ssh-keygen,
# and the expected kids in kids.txt computed by openssl alone (base64url of SHA-256 of the DER
# SubjectPublicKeyInfo, as kube-apiserver's keyIDFromPublicKey does), independently of IssuerSync.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/tests/IssuerSync.Core.Tests/Fixtures"
rm -rf "$out"; mkdir -p "$out"; cd "$out"
q() { "$@" 2>/dev/null; }
kid() { openssl pkey -pubin -in "$1" -outform DER | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n'; }

# RSA 2048 in every form operators have (kubeadm sa.key/sa.pub, k3s service.key, certificates, DER, OpenSSH).
q openssl genrsa -traditional -out rsa2048-pkcs1-private.pem 2048
q openssl pkcs8 -topk8 -nocrypt -in rsa2048-pkcs1-private.pem -out rsa2048-pkcs8-private.pem
q openssl rsa -in rsa2048-pkcs1-private.pem -pubout -out rsa2048-spki.pem
q openssl rsa -in rsa2048-pkcs1-private.pem -RSAPublicKey_out -out rsa2048-pkcs1-public.pem
q openssl req -x509 -new -key rsa2048-pkcs1-private.pem -subj /CN=sa -days 3650 -out rsa2048-cert.pem
q openssl pkey -pubin -in rsa2048-spki.pem -outform DER -out rsa2048-spki.der
q openssl pkcs8 -topk8 -nocrypt -in rsa2048-pkcs1-private.pem -outform DER -out rsa2048-pkcs8-private.der
q openssl rsa -in rsa2048-pkcs1-private.pem -RSAPublicKey_out -outform DER -out rsa2048-pkcs1-public.der
q openssl rsa -in rsa2048-pkcs1-private.pem -outform DER -traditional -out rsa2048-pkcs1-private.der
q openssl x509 -in rsa2048-cert.pem -outform DER -out rsa2048-cert.der
ssh-keygen -i -m PKCS8 -f rsa2048-spki.pem > rsa2048-openssh.pub
q openssl genrsa -out rsa4096-private.pem 4096
q openssl pkey -in rsa4096-private.pem -pubout -out rsa4096-spki.pem

# EC on each accepted curve (Talos uses ECDSA service-account keys).
for c in P-256:prime256v1 P-384:secp384r1 P-521:secp521r1; do
  name=$(echo "${c%%:*}" | tr 'A-Z' 'a-z' | tr -d '-'); curve=${c##*:}
  q openssl ecparam -name "$curve" -genkey -out "ec-$name-sec1-private.pem"   # EC PARAMETERS + EC PRIVATE KEY
  q openssl pkcs8 -topk8 -nocrypt -in "ec-$name-sec1-private.pem" -out "ec-$name-pkcs8-private.pem"
  q openssl pkey -in "ec-$name-sec1-private.pem" -pubout -out "ec-$name-spki.pem"
  ssh-keygen -i -m PKCS8 -f "ec-$name-spki.pem" > "ec-$name-openssh.pub"
done
q openssl ec -in ec-p256-sec1-private.pem -outform DER -out ec-p256-sec1-private.der

# Several blocks in one file, as kube-apiserver accepts for --service-account-key-file.
cat rsa2048-spki.pem ec-p384-spki.pem > multi-rsa-ec.pem

# Refused inputs.
q openssl genrsa -traditional -out rsa1024-private.pem 1024
q openssl rsa -in rsa1024-private.pem -pubout -out rsa1024-spki.pem
ssh-keygen -q -t rsa -b 1024 -N '' -C small -f rsa1024-ssh >/dev/null; mv rsa1024-ssh.pub rsa1024-openssh.pub; rm rsa1024-ssh
q openssl dsaparam -genkey -out dsa-private.pem 2048 && q openssl dsa -in dsa-private.pem -pubout -out dsa-spki.pem
q openssl genpkey -algorithm ed25519 -out ed25519-private.pem && q openssl pkey -in ed25519-private.pem -pubout -out ed25519-spki.pem
ssh-keygen -q -t ed25519 -N '' -C ed -f ed25519-ssh >/dev/null; mv ed25519-ssh.pub ed25519-openssh.pub; rm ed25519-ssh
q openssl ecparam -name secp256k1 -genkey -noout -out secp256k1-sec1-private.pem && q openssl ec -in secp256k1-sec1-private.pem -pubout -out secp256k1-spki.pem
q openssl pkcs8 -topk8 -v2 aes256 -passout pass:secret -in rsa2048-pkcs8-private.pem -out encrypted-pkcs8.pem
q openssl rsa -aes256 -traditional -passout pass:secret -in rsa2048-pkcs1-private.pem -out encrypted-pkcs1.pem
q openssl req -new -key rsa2048-pkcs1-private.pem -subj /CN=sa -out request.csr
: > empty.pem
printf '  \n\n' > blank.pem
head -c 300 rsa2048-spki.pem > truncated-no-end.pem
{ head -n 4 rsa2048-spki.pem; tail -n 1 rsa2048-spki.pem; } > truncated-body.pem
printf -- '-----BEGIN PUBLIC KEY-----\nThis is not base64 at all!!\n-----END PUBLIC KEY-----\n' > garbage-base64.pem
printf -- '-----BEGIN FOO KEY-----\nAAAA\n-----END FOO KEY-----\n' > unknown-block.pem
printf -- '-----BEGIN PUBLIC KEY-----\n%s\n-----END RSA PUBLIC KEY-----\n' "$(sed -n 2p rsa2048-spki.pem)" > mismatched-end.pem
head -c 600 /dev/urandom | base64 > garbage.txt
printf '\x30\x82\x01\x22\x30\x0d\x06\x09' > truncated.der

# Expected kids, from openssl only.
: > kids.txt
for f in rsa2048-spki.pem rsa4096-spki.pem ec-p256-spki.pem ec-p384-spki.pem ec-p521-spki.pem; do
  echo "$f $(kid "$f")" >> kids.txt
done
echo "fixtures written to $out"

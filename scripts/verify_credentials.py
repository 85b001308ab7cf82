"""Independent check of Indaba's Open Badges 3.0 credentials, given only each token and the network.

    python verify_credentials.py ISSUER_URL valid CREDENTIAL.jwt [...]
    python verify_credentials.py ISSUER_URL revoked CREDENTIAL.jwt [...]

For every token: dereferences the header's `kid` (an https/http URL) to the JWK it serves, checks that the issuer
profile links that key, verifies the signature with PyJWT, and verifies the credential with openbadgeslib's OB 3.0
verifier (signature, structure, validity window) including its status check (fetching the credential's Bitstring
Status List and verifying the list's own signature). `valid` tokens must pass and refuse a tampered copy; `revoked`
tokens must be reported revoked. Neither library is Indaba's code. Exits non-zero on any failure."""
import base64
import json
import sys
import urllib.parse
import urllib.request

import jwt
from cryptography.hazmat.primitives import serialization
from openbadgeslib.ob3.verifier import OB3Verifier
from openbadgeslib.util import download_file

OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def fetch_json(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def loopback_download(url):
    """openbadgeslib's own fetcher, allowed plain HTTP and a private address only for this machine's test server
    (it refuses both by default, rightly, for real issuers)."""
    host = urllib.parse.urlsplit(url).hostname
    assert host in ("127.0.0.1", "localhost", "::1"), f"refusing to fetch {url} outside loopback"
    return download_file(url, allow_insecure=True, allow_private=True)


def tampered(token):
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return ".".join([header, forged, signature])


def key_for(token, profile):
    """The JWK the token's kid dereferences to, as a PEM public key (what openbadgeslib takes)."""
    header = jwt.get_unverified_header(token)
    kid = header["kid"]
    assert kid.startswith(("http://", "https://")), f"kid {kid!r} is not a URL"
    jwk = fetch_json(kid)
    assert jwk.get("kid") == kid and "d" not in jwk, jwk
    linked = [method["id"] for method in profile.get("verificationMethod", [])]
    assert kid in linked, f"the issuer profile does not link {kid}"
    key = jwt.PyJWK(jwk).key
    pem = key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return header["alg"], key, pem


def main(issuer_url, expectation, paths):
    profile = fetch_json(issuer_url)
    assert profile["id"] == issuer_url and "Profile" in profile["type"], profile
    algorithms = set()
    for path in paths:
        token = open(path, encoding="utf-8").read().strip()
        alg, key, pem = key_for(token, profile)
        algorithms.add(alg)
        claims = jwt.decode(token, key, algorithms=[alg], options={"require": ["iss", "jti", "nbf"]})
        assert claims["iss"] == issuer_url, (path, claims["iss"])
        assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"], claims["type"]
        assert OB_CONTEXT in claims["@context"], claims["@context"]
        assert "vc" not in claims
        assert claims["credentialStatus"]["type"] == "BitstringStatusListEntry", claims["credentialStatus"]
        verifier = OB3Verifier(pem)
        if expectation == "valid":
            verifier.verify(token, check_status=True, verify_status_list=True, download=loopback_download)
            try:
                jwt.decode(tampered(token), key, algorithms=[alg])
            except jwt.InvalidSignatureError:
                pass
            else:
                raise AssertionError(f"{path}: a tampered credential verified")
        else:
            verifier.verify(token)  # the signature and structure still verify
            try:
                verifier.verify(token, check_status=True, verify_status_list=True, download=loopback_download)
            except Exception as error:  # openbadgeslib's OB3VerificationError
                # openbadgeslib says "Credential status 'revocation' is set at index N in <list>".
                assert "'revocation' is set" in str(error), f"{path}: {error}"
            else:
                raise AssertionError(f"{path}: a revoked credential was reported valid")
    print(
        f"{len(paths)} {expectation} credential(s) ({', '.join(sorted(algorithms))}) checked with PyJWT "
        f"{jwt.__version__} and openbadgeslib given only the token and the network"
        + ("; tampered copies refused" if expectation == "valid" else "; each reported revoked"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])

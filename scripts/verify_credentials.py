"""Independent check of Indaba's Open Badges 3.0 credentials with PyJWT (not Indaba's code).

    python verify_credentials.py JWKS_URL ISSUER_URL CREDENTIAL.jwt [...]

Fetches the published JWK set, verifies every credential's ES256 signature with the key its header names, checks
the Open Badges shape, and checks that a tampered copy of each is refused. Exits non-zero on any failure."""
import base64
import json
import sys
import urllib.request

import jwt

OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def tampered(token):
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return ".".join([header, forged, signature])


def main(jwks_url, issuer_url, paths):
    client = jwt.PyJWKClient(jwks_url, cache_keys=False)
    with urllib.request.urlopen(issuer_url) as response:
        profile = json.load(response)
    assert profile["id"] == issuer_url and "Profile" in profile["type"], profile
    for path in paths:
        token = open(path, encoding="utf-8").read().strip()
        key = client.get_signing_key_from_jwt(token)
        claims = jwt.decode(token, key.key, algorithms=["ES256"], options={"require": ["iss", "jti", "nbf"]})
        assert claims["iss"] == issuer_url, (path, claims["iss"])
        assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"], claims["type"]
        assert OB_CONTEXT in claims["@context"], claims["@context"]
        assert "vc" not in claims
        assert claims["credentialSubject"]["identifier"][0]["identityType"] == "name"
        try:
            jwt.decode(tampered(token), key.key, algorithms=["ES256"])
        except jwt.InvalidSignatureError:
            pass
        else:
            raise AssertionError(f"{path}: a tampered credential verified")
    print(f"{len(paths)} credential(s) verified with PyJWT {jwt.__version__}; tampered copies refused")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])

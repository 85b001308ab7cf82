"""Checks Indaba behind nginx over https (see scripts/check-proxy.sh); the standard library only.

Every request leaves from a chosen loopback address (127.0.0.2 or 127.0.0.3), so nginx sees two different clients
and tells Indaba which one through X-Forwarded-For.
"""

import argparse
import http.client
import re
import ssl
import sys
import urllib.parse

failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


class Client:
    """One browser at one source address, keeping its cookies."""

    def __init__(self, base, source):
        self.url = urllib.parse.urlsplit(base)
        self.source = source
        self.cookies = {}
        self.context = ssl.create_default_context()
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE  # the certificate is self-signed for this run

    def request(self, method, path, fields=None, headers=None):
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.url.port, context=self.context, source_address=(self.source, 0), timeout=30)
        all_headers = dict(headers or {})
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response, text

    def sign_in_form(self, link):
        response, text = self.request("GET", "/sign-in?link=" + urllib.parse.quote(link))
        token = re.search(r'<main.*?name="form" value="([^"]+)"', text, re.S)
        return token.group(1) if token else ""

    def sign_in(self, link, token=None):
        token = self.sign_in_form(link) if token is None else token
        return self.request("POST", "/sign-in", {"form": token, "link": link})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--http", required=True)
    parser.add_argument("--link-a", required=True)
    parser.add_argument("--link-b", required=True)
    arguments = parser.parse_args()
    secret = lambda link: urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)["link"][0]

    plain = urllib.parse.urlsplit(arguments.http)
    connection = http.client.HTTPConnection("127.0.0.1", plain.port, timeout=30)
    connection.request("GET", "/sign-in?link=x")
    response = connection.getresponse()
    check(response.status == 301 and response.headers["Location"].startswith("https://"),
          "plain http is redirected to https")

    a = Client(arguments.base, "127.0.0.2")
    b = Client(arguments.base, "127.0.0.3")
    response, _ = a.request("GET", "/")
    check(response.status == 200, "the home page answers through nginx")
    hsts = response.headers.get("Strict-Transport-Security", "")
    check(hsts.startswith("max-age="), f"HSTS is sent ({hsts!r})")
    for name, value in [("X-Frame-Options", "DENY"), ("X-Content-Type-Options", "nosniff"),
                        ("Cross-Origin-Opener-Policy", "same-origin"),
                        ("Cross-Origin-Resource-Policy", "same-origin")]:
        check(response.headers.get(name) == value, f"{name}: {value}")
    check("frame-ancestors 'none'" in response.headers.get("Content-Security-Policy", ""), "CSP forbids framing")
    check(response.headers.get_all("Strict-Transport-Security") and
          len(response.headers.get_all("Strict-Transport-Security")) == 1, "HSTS is sent once")

    # Forged posts (no valid form token) from client B: refused, and they use up nobody's allowance.
    for _ in range(30):
        response, _ = b.request("POST", "/sign-in", {"form": "1.forged.token", "link": "x"})
        if response.status != 403:
            break
    check(response.status == 403, "forged sign-in posts are refused with 403")

    # Client A fails for real ten times and is then limited, whatever X-Forwarded-For it sends.
    token = a.sign_in_form("unknown")
    statuses = [a.sign_in("unknown", token)[0].status for _ in range(10)]
    check(statuses == [400] * 10, f"ten genuine failures from client A answer 400 ({statuses})")
    response, _ = a.sign_in("unknown", token)
    check(response.status == 429, f"client A's eleventh failure is limited (429, got {response.status})")
    for header in ({"X-Forwarded-For": "198.51.100.9"}, {"Forwarded": "for=198.51.100.9"}):
        response, _ = a.request("POST", "/sign-in", {"form": token, "link": secret(arguments.link_a)}, header)
        check(response.status == 429, f"client A cannot escape the limit with {list(header)[0]} ({response.status})")

    # Client B, behind the same proxy, is not limited: it signs in, and its session cookie is Secure.
    response, _ = b.sign_in(secret(arguments.link_b))
    check(response.status == 303, f"client B signs in despite A's limit and the forged posts ({response.status})")
    session = [c for c in (response.headers.get_all("Set-Cookie") or []) if c.startswith("indaba_session=")]
    check(bool(session) and "; Secure" in session[0] and "HttpOnly" in session[0],
          "the session cookie is Secure and HttpOnly")
    response, _ = b.request("GET", "/workspace")
    check(response.status == 200, "client B reaches the workspace")

    if failures:
        print(f"check-proxy: {len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("check-proxy: OK")


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# The reverse-proxy deployment of docs/nginx/indaba.conf, tested for real: Debian's nginx terminates TLS with a
# self-signed certificate made here and passes the client's address to `indaba serve --trusted-proxy 127.0.0.1/32`.
# scripts/check_proxy.py then checks, over https through nginx, that: the security headers and HSTS arrive; the
# session cookie is Secure; two clients (127.0.0.2 and 127.0.0.3) are rate-limited separately; forged sign-in posts
# lock nobody out; and a client cannot escape its limit by sending its own X-Forwarded-For or Forwarded header.
set -euo pipefail
cd "$(dirname "$0")/.."
INDABA=.build/debug/indaba
WORK=$(mktemp -d)
SERVER=
NGINX_STARTED=
cleanup() {
    [[ -n $NGINX_STARTED ]] && nginx -c "$WORK/nginx.conf" -p "$WORK" -s stop 2>/dev/null
    [[ -n $SERVER ]] && kill "$SERVER" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v nginx >/dev/null; then
    echo "Installing nginx (Debian)"
    apt_get=(apt-get); [[ $(id -u) -eq 0 ]] || apt_get=(sudo apt-get)
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq --no-install-recommends nginx openssl
fi
[[ -x $INDABA ]] || swift build

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
APP_PORT=$(free_port)
HTTPS_PORT=$(free_port)
HTTP_PORT=$(free_port)
BASE=https://localhost:$HTTPS_PORT

# A self-signed certificate for localhost, made for this run only.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

# The documented site, with this run's ports, certificate and name; only those lines change.
sed -e "s|listen 80;|listen 127.0.0.1:$HTTP_PORT;|; /listen \[::\]/d" \
    -e "s|listen 443 ssl;|listen 127.0.0.1:$HTTPS_PORT ssl;|" \
    -e "s|server_name indaba.example.org;|server_name localhost;|" \
    -e "s|ssl_certificate /etc/letsencrypt/live/indaba.example.org/fullchain.pem;|ssl_certificate $WORK/cert.pem;|" \
    -e "s|ssl_certificate_key /etc/letsencrypt/live/indaba.example.org/privkey.pem;|ssl_certificate_key $WORK/key.pem;|" \
    -e "s|proxy_pass http://127.0.0.1:8080;|proxy_pass http://127.0.0.1:$APP_PORT;|" \
    docs/nginx/indaba.conf > "$WORK/indaba.conf"
grep -q "proxy_pass http://127.0.0.1:$APP_PORT;" "$WORK/indaba.conf"
mkdir -p "$WORK/logs" "$WORK/tmp"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 64; }
http {
    access_log $WORK/logs/access.log;
    client_body_temp_path $WORK/tmp/body;
    proxy_temp_path $WORK/tmp/proxy;
    fastcgi_temp_path $WORK/tmp/fastcgi;
    uwsgi_temp_path $WORK/tmp/uwsgi;
    scgi_temp_path $WORK/tmp/scgi;
    include $WORK/indaba.conf;
}
CONF

DB=$WORK/proxy.sqlite
$INDABA import --db "$DB" fixtures/asknet/asknet.yaml > /dev/null
$INDABA serve --db "$DB" --host 127.0.0.1 --port "$APP_PORT" --base-url "$BASE" --trusted-proxy 127.0.0.1/32 \
    > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do grep -q "is serving" "$WORK/serve.log" 2>/dev/null && break; sleep 0.1; done
grep -q "is serving" "$WORK/serve.log" || { cat "$WORK/serve.log" >&2; echo "error: indaba did not start" >&2; exit 2; }
nginx -t -q -c "$WORK/nginx.conf" -p "$WORK"
nginx -c "$WORK/nginx.conf" -p "$WORK"
NGINX_STARTED=1

link() { $INDABA user login-link --db "$DB" --org asknet --role networkCoordinator --base-url "$BASE" 2>/dev/null; }
python3 scripts/check_proxy.py --base "$BASE" --http "http://localhost:$HTTP_PORT" --link-a "$(link)" \
    --link-b "$(link)" || { echo "--- nginx error log" >&2; cat "$WORK/logs/error.log" >&2; exit 1; }

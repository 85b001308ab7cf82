#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/system-packages.txt that are not installed yet.
# Quiet and quick when everything is there; runs apt-get (as root, or through sudo) only when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
while read -r package; do
    [[ -z "$package" || "$package" == \#* ]] && continue
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done < scripts/system-packages.txt

if ! command -v swift >/dev/null 2>&1; then
    echo "error: the Swift toolchain is not on PATH; install Swift 6.3 (swift.org) and try again." >&2
    exit 1
fi

# The tests validate the OpenAPI document with openapi-spec-validator (PyPI).
if ! python3 -c 'import openapi_spec_validator' 2>/dev/null; then
    echo "Installing openapi-spec-validator (PyPI) for the API description test"
    python3 -m pip install --quiet --disable-pip-version-check openapi-spec-validator \
        || echo "warning: could not install openapi-spec-validator; its test will fail until it is installed" >&2
fi

[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing missing system packages: ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
    apt_get=(apt-get)
elif command -v sudo >/dev/null 2>&1; then
    apt_get=(sudo apt-get)
else
    echo "error: ${missing[*]} must be installed; run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${apt_get[@]}" update -qq
"${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}"

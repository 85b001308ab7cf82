#!/usr/bin/env bash
# Benchmark B4 of the shared kit (../shared/bench/README.md): 1,000 certificates with a QR code, rendered by
#   - Indaba (release build, `indaba certificates bench`: timed inside the process, separate PDFs and one
#     multi-page PDF),
#   - the kit's plain C program on cairo + Pango + libqrencode (limits/cert_cairo.c, separate PDFs), the limit,
#   - the kit's ReportLab peer (peers/cert_reportlab.py, separate PDFs), in a virtualenv from PyPI,
# alternating A B C A B C for ROUNDS rounds (absolute times drift on shared machines; ratios from the same run do
# not) and reporting each one's best. Several minutes; not part of CI. Put the figures in Plugins/Certificates/README.md.
#
#   scripts/bench-certificates.sh            # full-size kit data (generated once into $BENCH_DATA, about 75 s)
#   BENCH_SCALE=0.05 ROUNDS=2 scripts/bench-certificates.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
kit="${KIT:-$root/../shared/bench}"
data="${BENCH_DATA:-/tmp/indaba-bench-certificates}"
scale="${BENCH_SCALE:-1}"
rounds="${ROUNDS:-3}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

input="$data/scale-$scale/inputs/certs_1000.tsv"
if [[ ! -s "$input" ]]; then
    echo "Generating the kit's data at scale $scale into $data/scale-$scale"
    python3 "$kit/gen_dataset.py" --out "$data/scale-$scale" --scale "$scale" >/dev/null
    (cd "$kit/peers" && python3 prep_inputs.py "$data/scale-$scale/community.sqlite" "$data/scale-$scale/inputs")
fi

swift build -c release --static-swift-stdlib --product indaba >/dev/null
indaba="$root/.build/release/indaba"
cc -O2 "$kit/limits/cert_cairo.c" -o "$work/cert_cairo" $(pkg-config --cflags --libs pangocairo libqrencode)
venv="$data/venv-reportlab"
[[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check reportlab

# The bench command is a plugin command: it needs a database with the plugin enabled (nothing is read from it).
export INDABA_DB="$work/bench.sqlite"
"$indaba" init >/dev/null
"$indaba" import fixtures/asknet/asknet.yaml >/dev/null
"$indaba" plugin enable certificates --org asknet >/dev/null

# Wall-clock seconds of a command, measured around the child process only.
timed() {
    python3 -c 'import subprocess, sys, time
t = time.perf_counter(); subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); print(time.perf_counter() - t)' "$@"
}
best() { sort -g | head -1; }

: >"$work/c" ; : >"$work/rl" ; : >"$work/sep" ; : >"$work/comb" ; : >"$work/proc"
for round in $(seq 1 "$rounds"); do
    rm -rf "$work/out-c" "$work/out-rl" "$work/out-i"
    timed "$work/cert_cairo" "$input" 1000 "$work/out-c" >>"$work/c"
    python3 -c 'import subprocess, sys, time
t = time.perf_counter(); out = subprocess.run(sys.argv[2:], check=True, capture_output=True).stdout
open(sys.argv[1], "wb").write(out); print(time.perf_counter() - t)' "$work/timing.json" \
        "$indaba" certificates bench --org asknet --input "$input" --out "$work/out-i" --json >>"$work/proc"
    python3 -c 'import json, sys; t = json.load(open(sys.argv[1])); print(t["separateSeconds"])' "$work/timing.json" >>"$work/sep"
    python3 -c 'import json, sys; t = json.load(open(sys.argv[1])); print(t["combinedSeconds"])' "$work/timing.json" >>"$work/comb"
    timed "$venv/bin/python" "$kit/peers/cert_reportlab.py" "$data/scale-$scale/inputs/certs_1000.json" 1000 \
        "$work/out-rl" >>"$work/rl"
    echo "round $round done"
done

c=$(best <"$work/c"); rl=$(best <"$work/rl"); sep=$(best <"$work/sep"); comb=$(best <"$work/comb"); proc=$(best <"$work/proc")
python3 - "$c" "$rl" "$sep" "$comb" "$proc" <<'PY'
import sys
c, rl, sep, comb, proc = map(float, sys.argv[1:])
rows = [
    ("C cairo+Pango (limit), separate PDFs", c),
    ("ReportLab (peer), separate PDFs", rl),
    ("Indaba, separate PDFs (in process)", sep),
    ("Indaba, one 1,000-page PDF (in process)", comb),
    ("Indaba process, both runs incl. start-up", proc),
]
print(f"\nB4: 1,000 certificates, best of the rounds")
print(f"{'':44} {'seconds':>8} {'cert/s':>8} {'ms/cert':>8}")
for name, s in rows:
    print(f"{name:44} {s:8.3f} {1000 / s:8.1f} {s:8.3f}")
print(f"\nIndaba separate / C:   {sep / c:.2f}x the time (target <= 1.5x)")
print(f"Indaba combined / C:   {comb / c:.2f}x the time")
print(f"ReportLab / Indaba separate: Indaba is {rl / sep:.1f}x faster")
PY

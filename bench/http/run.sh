#!/usr/bin/env bash
# bench/http/run.sh [BINARY] - the HTTP benchmark (run by `make bench`,
# which hands it build/symcheck; a build folder works too).
# First prints the bytes on the wire (headers and body) for the mucus
# article, a quiz step, a result page and an API step, sent as they are
# and gzipped (Accept-Encoding: gzip).
# Then measures POST /api/v1/interview mid-interview on the anorectal pack
# with wrk, and in the same run nginx serving a static file of the same
# size as that answer, on one loopback port each with the same threads and
# connections: once without compression, and once with Accept-Encoding:
# gzip against nginx with gzip on (level 1, its default, as symcheck's
# per-request level). Prints the throughputs, the ratios, p50/p99 latency
# and the server's peak resident memory, beside the goals of issue 4 (at
# least half of nginx, p99 under 10 ms at 64 connections, under 50 MB).
# A third line, GET /healthz on the same server, is the floor: what
# libmicrohttpd, ulfius and the router cost for a request that does
# nothing. All traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=${1:-build/symcheck}
[ -d "$binary" ] && binary=$binary/symcheck
scripts/install-deps.sh bench
connections=${BENCH_CONNECTIONS:-64}
seconds=${BENCH_SECONDS:-10} # per target, split into rounds
rounds=${BENCH_ROUNDS:-5}
round_seconds=$(( seconds / rounds > 0 ? seconds / rounds : 1 ))
threads=$(nproc)
wrk_threads=$(( threads < connections ? threads : connections ))
work=$(mktemp -d /tmp/symcheck-bench-XXXXXX)
server_pid="" nginx_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The server, on any free port; it prints the address it took.
"$binary" serve --listen 127.0.0.1:0 --packs packs/anorectal --rate-limit 0 \
  --threads "$threads" --db "sqlite:$work/db.sqlite" >"$work/serve.out" 2>/dev/null &
server_pid=$!
for _ in $(seq 100); do grep -q 'listening on' "$work/serve.out" && break; sleep 0.1; done
server_port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\) .*|\1|p' "$work/serve.out")
[ -n "$server_port" ] || { echo "bench/http: the server did not start" >&2; exit 1; }

# Mid-interview: the emergency screen and one more answer given.
body='{"profile":{"age":34,"sex":"female"},"complaint":"anal-mucus-discharge","answers":[{"id":"emergency_signs","value":[]},{"id":"blood_in_stool","value":"no"}]}'
mkdir -p "$work/www"
chmod 755 "$work" # nginx's workers run as another user when it is started as root
curl -sf --noproxy '*' -H 'Content-Type: application/json' -d "$body" \
  "http://127.0.0.1:$server_port/api/v1/interview" >"$work/www/answer.json"
grep -q '"status":"question"' "$work/www/answer.json" ||
  { echo "bench/http: the interview did not answer with a question" >&2; exit 1; }
size=$(stat -c %s "$work/www/answer.json")

# Bytes on the wire, headers included, as they are and gzipped.
wire() { # LABEL PATH [JSON-BODY]
  local args=(-s -o /dev/null --noproxy '*' -w '%{size_header} %{size_download}\n')
  [ -n "${3:-}" ] && args+=(-H 'Content-Type: application/json' -d "$3")
  read -r ph pb < <(curl "${args[@]}" "http://127.0.0.1:$server_port$2")
  read -r gh gb < <(curl "${args[@]}" -H 'Accept-Encoding: gzip' "http://127.0.0.1:$server_port$2")
  printf '  %-30s %7d B  %7d B  %5.1f x\n' "$1" $((ph + pb)) $((gh + gb)) \
    "$(awk -v a=$((ph + pb)) -v b=$((gh + gb)) 'BEGIN {print a / b}')"
}
quiz="/quiz/anal-mucus-discharge?age=34&sex=female&who=self&a=emergency_signs.X"
echo "bench/http: bytes on the wire (headers and body)    identity     gzip    smaller"
wire "article (mucus)" /symptoms/anal-mucus-discharge
wire "quiz step (question 2)" "$quiz"
wire "result page" "$quiz~warning_signs.X~cancer_signs.X&finish=1"
wire "API step (POST interview)" /api/v1/interview "$body"
wire "site.css (stored, gzip -9)" /static/site.css
echo

# nginx with a temporary prefix and config, serving that answer as a file.
nginx_port=$(free_port)
mkdir -p "$work/nginx/logs"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes $threads;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  gzip on;
  gzip_comp_level 1;
  gzip_min_length 1024;
  gzip_types application/json;
  gzip_vary on;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location / { default_type application/json; }
  }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' 2>"$work/nginx/stderr" &
nginx_pid=$!
for _ in $(seq 50); do curl -sf --noproxy '*' "http://127.0.0.1:$nginx_port/answer.json" >/dev/null && break; sleep 0.1; done

cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$body'
LUA
sed 's/^wrk.body/wrk.headers["Accept-Encoding"] = "gzip"\nwrk.body/' "$work/post.lua" >"$work/post-gzip.lua"
gzip_header='Accept-Encoding: gzip'
# Both must answer gzip to that header, or the second pair measures nothing.
curl -sf --noproxy '*' -D - -o /dev/null -H "$gzip_header" "http://127.0.0.1:$nginx_port/answer.json" |
  grep -i '^content-encoding: gzip' >/dev/null || {
  echo "bench/http: nginx does not gzip the answer:" >&2
  cat "$work/nginx/stderr" "$work/nginx/logs/error.log" >&2
  exit 1
}
curl -sf --noproxy '*' -D - -o /dev/null -H "$gzip_header" -H 'Content-Type: application/json' \
  -d "$body" "http://127.0.0.1:$server_port/api/v1/interview" | grep -i '^content-encoding: gzip' >/dev/null ||
  { echo "bench/http: symcheck does not gzip the interview answer" >&2; exit 1; }

run_wrk() { # URL [SCRIPT] [HEADER] -> the wrk report
  local extra=()
  [ -n "${2:-}" ] && extra=(-s "$2")
  [ -n "${3:-}" ] && extra+=(-H "$3")
  wrk -t "$wrk_threads" -c "$connections" -d "${round_seconds}s" --latency "${extra[@]}" "$1"
}
cpu_ticks() { # PID... -> their user + system time so far, in clock ticks
  for p in "$@"; do awk '{print $14 + $15}' "/proc/$p/stat"; done | awk '{s += $1} END {print s + 0}'
}
# One round of one target: appends "req/s p50-ms p99-ms requests cpu-ticks"
# to $work/NAME.rounds, and wrk's error lines to $work/NAME.errors.
measure() { # NAME URL SCRIPT HEADER PID...
  local name=$1 url=$2 script=$3 header=$4 before after
  shift 4
  before=$(cpu_ticks "$@")
  run_wrk "$url" "$script" "$header" >"$work/$name.wrk"
  after=$(cpu_ticks "$@")
  awk -v ticks=$((after - before)) '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    / requests in / { n = $1 }
    END { print rps, p50, p99, n, ticks }' "$work/$name.wrk" >>"$work/$name.rounds"
  awk '/Non-2xx|Socket errors/' "$work/$name.wrk" >>"$work/$name.errors"
}
median() { # COLUMN FILE -> the median of that column
  sort -g -k "$1" "$2" | awk -v c="$1" '{v[NR] = $c} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
us_per_request() { # FILE -> CPU microseconds per request over all rounds
  awk -v hz="$(getconf CLK_TCK)" '{t += $5; n += $4} END {printf "%.1f", n ? t / hz * 1e6 / n : 0}' "$1"
}
line() { # LABEL NAME
  printf '  %-34s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  CPU %5s us/request\n' "$1" \
    "$(median 1 "$work/$2.rounds")" "$(median 2 "$work/$2.rounds")" \
    "$(median 3 "$work/$2.rounds")" "$(us_per_request "$work/$2.rounds")"
}

# Rounds alternate between the targets, so that whatever else the machine
# is doing weighs on each alike; medians are printed.
nginx_workers=$(pgrep -P "$nginx_pid" | tr '\n' ' ')
for _ in $(seq "$rounds"); do
  measure server "http://127.0.0.1:$server_port/api/v1/interview" "$work/post.lua" "" "$server_pid"
  # shellcheck disable=SC2086
  measure nginx "http://127.0.0.1:$nginx_port/answer.json" "" "" $nginx_workers
  measure server_gzip "http://127.0.0.1:$server_port/api/v1/interview" "$work/post-gzip.lua" "" \
    "$server_pid"
  # shellcheck disable=SC2086
  measure nginx_gzip "http://127.0.0.1:$nginx_port/answer.json" "" "$gzip_header" $nginx_workers
  measure floor "http://127.0.0.1:$server_port/healthz" "" "" "$server_pid"
done
peak_kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status")

echo "bench/http: $connections connections, $wrk_threads wrk threads, answer $size bytes;" \
  "$rounds rounds of ${round_seconds}s each, medians"
line "symcheck POST /api/v1/interview" server
line "nginx static file (same size)" nginx
line "symcheck POST, gzip" server_gzip
line "nginx static file, gzip on" nginx_gzip
line "symcheck GET /healthz (the floor)" floor
sed 's/^/  symcheck: /' "$work/server.errors" "$work/server_gzip.errors"
ratio() { # SERVER NGINX -> the median of the rounds' ratios
  paste -d ' ' "$work/$1.rounds" "$work/$2.rounds" | awk '{print $1 / $6}' >"$work/ratios"
  median 1 "$work/ratios"
}
awk -v ratio="$(ratio server nginx)" -v gzip_ratio="$(ratio server_gzip nginx_gzip)" -v kb="$peak_kb" \
  -v cpu="$(us_per_request "$work/server.rounds")" -v nginx_cpu="$(us_per_request "$work/nginx.rounds")" \
  -v gzip_cpu="$(us_per_request "$work/server_gzip.rounds")" \
  -v nginx_gzip_cpu="$(us_per_request "$work/nginx_gzip.rounds")" 'BEGIN {
  printf "  ratio symcheck/nginx: %.2f (goal >= 0.50); CPU per request, nginx/symcheck: %.2f\n", ratio, nginx_cpu / cpu
  printf "  ratio symcheck/nginx, both gzip: %.2f (goal >= 0.50); CPU per request, nginx/symcheck: %.2f\n", gzip_ratio, nginx_gzip_cpu / gzip_cpu
  printf "  symcheck peak RSS: %.1f MB (goal < 50 MB)\n", kb / 1024
  print  "  p99 goal: under 10 ms"
}'

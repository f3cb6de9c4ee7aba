#!/usr/bin/env bash
# bench/http/run.sh [BINARY] - the HTTP benchmark (run by `make bench`,
# which hands it build/symcheck; a build folder works too).
# Measures POST /api/v1/interview mid-interview on the anorectal pack with
# wrk, and in the same run nginx serving a static file of the same size
# as that answer, on one loopback port each with the same threads and
# connections. Prints both throughputs, the ratio, p50/p99 latency and the
# server's peak resident memory, beside the goals of issue 4 (at least
# half of nginx, p99 under 10 ms at 64 connections, under 50 MB).
# A third line, GET /healthz on the same server, is the floor: what
# libmicrohttpd, ulfius and the router cost for a request that does
# nothing. All traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=${1:-build/symcheck}
[ -d "$binary" ] && binary=$binary/symcheck
scripts/install-deps.sh bench
connections=${BENCH_CONNECTIONS:-64}
seconds=${BENCH_SECONDS:-10}
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
curl -sf --noproxy '*' -H 'Content-Type: application/json' -d "$body" \
  "http://127.0.0.1:$server_port/api/v1/interview" >"$work/www/answer.json"
grep -q '"status":"question"' "$work/www/answer.json" ||
  { echo "bench/http: the interview did not answer with a question" >&2; exit 1; }
size=$(stat -c %s "$work/www/answer.json")

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

run_wrk() { # URL [SCRIPT] -> the wrk report
  local extra=()
  [ -n "${2:-}" ] && extra=(-s "$2")
  wrk -t "$wrk_threads" -c "$connections" -d "${seconds}s" --latency "${extra[@]}" "$1"
}
rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
pct() { awk -v p="$2%" '$1 == p {print $2}' "$1"; }
errors() { awk '/Non-2xx|Socket errors/ {print}' "$1"; }

run_wrk "http://127.0.0.1:$server_port/api/v1/interview" "$work/post.lua" >"$work/server.wrk"
run_wrk "http://127.0.0.1:$nginx_port/answer.json" >"$work/nginx.wrk"
run_wrk "http://127.0.0.1:$server_port/healthz" >"$work/floor.wrk"
peak_kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status")

server_rps=$(rps "$work/server.wrk")
nginx_rps=$(rps "$work/nginx.wrk")
echo "bench/http: $connections connections, $wrk_threads wrk threads, ${seconds}s each, answer $size bytes"
printf '  %-36s %12s req/s  p50 %-9s p99 %s\n' "symcheck POST /api/v1/interview" "$server_rps" \
  "$(pct "$work/server.wrk" 50)" "$(pct "$work/server.wrk" 99)"
printf '  %-36s %12s req/s  p50 %-9s p99 %s\n' "nginx static file (same size)" "$nginx_rps" \
  "$(pct "$work/nginx.wrk" 50)" "$(pct "$work/nginx.wrk" 99)"
printf '  %-36s %12s req/s  p50 %-9s p99 %s\n' "symcheck GET /healthz (the floor)" \
  "$(rps "$work/floor.wrk")" "$(pct "$work/floor.wrk" 50)" "$(pct "$work/floor.wrk" 99)"
errors "$work/server.wrk" | sed 's/^/  symcheck: /'
awk -v a="$server_rps" -v b="$nginx_rps" -v kb="$peak_kb" 'BEGIN {
  printf "  ratio symcheck/nginx: %.2f (goal >= 0.50)\n", a / b
  printf "  symcheck peak RSS: %.1f MB (goal < 50 MB)\n", kb / 1024
  print  "  p99 goal: under 10 ms"
}'

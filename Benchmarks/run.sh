#!/usr/bin/env bash
# Blueprint benchmark: builds release, starts the servers, drives them with wrk on loopback and prints req/s, p50,
# p99 and the server's peak RSS for each case, then measures RSS per held stream and idle RSS.
#
#   Benchmarks/run.sh            # everything (a few minutes)
#   DURATION=5 Benchmarks/run.sh # shorter wrk runs
#   STREAMS=10000 Benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
STREAMS=${STREAMS:-5000}
BENCH_PORT=${BENCH_PORT:-18181}
API_PORT=${API_PORT:-18182}
NGINX_PORT=${NGINX_PORT:-18183}

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)" >&2
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

echo "== release build" >&2
[ "${CLEAN_BUILD:-0}" = 1 ] && rm -rf .build/release .build/x86_64-unknown-linux-gnu/release
start=$(date +%s.%N)
swift build -c release --product BlueprintBench >/dev/null
swift build -c release --product BlueprintServer >/dev/null
echo "release build: $(echo "$(date +%s.%N) - $start" | bc) s (CLEAN_BUILD=1 to time it from scratch)" >&2
BIN=.build/release

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_port() { for _ in $(seq 1 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; echo "port $1 not ready" >&2; exit 1; }
rss() { awk '/VmRSS/{print $2}' "/proc/$1/status"; }
hwm() { local kb=0 p; for p in $1; do kb=$((kb + $(awk '/VmHWM/{print $2}' "/proc/$p/status"))); done; echo "$kb"; }

"$BIN/BlueprintBench" "$BENCH_PORT" 2>/dev/null &
bench_pid=$!; pids+=("$bench_pid")
wait_port "$BENCH_PORT"
idle=$(rss "$bench_pid")

# Summed over a space-separated list of pids (nginx runs several workers).
cpu_ticks() { local ticks=0 p; for p in $1; do ticks=$((ticks + $(awk '{print $14+$15}' "/proc/$p/stat"))); done; echo "$ticks"; }
ticks_per_second=$(getconf CLK_TCK)

# server_us/req: the server's own CPU time (user + system, from /proc) per request, which wrk's share of the machine
# does not distort.
printf '%-34s %6s %12s %10s %10s %14s %12s\n' case conns req/s p50 p99 server_us/req peak_rss_MB
run_wrk() { # name pid url conns [script]
  local name=$1 pid=$2 url=$3 conns=$4 script=${5:-}
  local threads=$(( conns < 2 ? 1 : 2 ))
  local args=(-t"$threads" -c"$conns" -d"${DURATION}s" --latency)
  [ -n "$script" ] && args+=(-s "$script")
  local before; before=$(cpu_ticks "$pid")
  local out; out=$(wrk "${args[@]}" "$url")
  local after; after=$(cpu_ticks "$pid")
  local rps p50 p99 requests
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  requests=$(awk '/requests in/{print $1}' <<<"$out")
  printf '%-34s %6s %12s %10s %10s %14s %12s\n' "$name" "$conns" "$rps" "$p50" "$p99" \
    "$(echo "scale=1; ($after - $before) * 1000000 / $ticks_per_second / $requests" | bc)" \
    "$(echo "scale=1; $(hwm "$pid")/1024" | bc)"
}

for c in 1 64 256; do run_wrk "core: small JSON (GET /json)" "$bench_pid" "http://127.0.0.1:$BENCH_PORT/json" "$c"; done
rss_after_json=$(rss "$bench_pid")
for c in 1 64 256; do run_wrk "core: 20-event SSE (GET /sse)" "$bench_pid" "http://127.0.0.1:$BENCH_PORT/sse" "$c"; done
run_wrk "core: small JSON again (RSS flat?)" "$bench_pid" "http://127.0.0.1:$BENCH_PORT/json" 64
rss_after_second=$(rss "$bench_pid")

ENVIRONMENT=test PORT=$API_PORT API_AUTH_TOKENS=bench-token-0123456789 RATE_LIMIT_PER_MINUTE=0 LOG_LEVEL=error \
  "$BIN/BlueprintServer" 2>/dev/null &
api_pid=$!; pids+=("$api_pid")
wait_port "$API_PORT"
api_idle=$(rss "$api_pid")
for c in 1 64 256; do run_wrk "api: chat completion" "$api_pid" "http://127.0.0.1:$API_PORT/v1/chat/completions" "$c" Benchmarks/chat.lua; done
if command -v nginx >/dev/null; then
  # Reference: nginx answering the same POST with the same response bytes and headers from memory (`return 200`),
  # two workers, no access log. It sets the scale for "x times nginx" on this machine.
  ngx=$(mktemp -d)
  body=$(curl -s "http://127.0.0.1:$API_PORT/v1/chat/completions" -H "Authorization: Bearer bench-token-0123456789" \
    -H "content-type: application/json" -d "$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" Benchmarks/chat.lua)")
  body=${body//\'/\\\'}
  cat >"$ngx/nginx.conf" <<NGINX
worker_processes 2;
pid $ngx/nginx.pid;
error_log $ngx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      default_type application/json;
      add_header vary Origin;
      add_header x-request-id req_0123456789abcdef0123456789abcdef;
      add_header openai-processing-ms 0;
      add_header openai-version 2020-10-01;
      return 200 '$body';
    }
  }
}
NGINX
  nginx -c "$ngx/nginx.conf"
  wait_port "$NGINX_PORT"
  run_wrk "nginx: same response from memory" "$(pgrep -d ' ' -f "nginx: worker process")" \
    "http://127.0.0.1:$NGINX_PORT/v1/chat/completions" 64 Benchmarks/chat.lua
  nginx -c "$ngx/nginx.conf" -s stop 2>/dev/null
else
  echo "(install nginx for a reference row: the same response from nginx's memory)"
fi
for c in 1 64 256; do run_wrk "api: chat stream, 20 tokens" "$api_pid" "http://127.0.0.1:$API_PORT/v1/chat/completions" "$c" Benchmarks/chat_stream.lua; done
echo
echo "time to first token, streamed chat, 32 connections:"
python3 Benchmarks/ttft.py "$API_PORT" 32 "$DURATION" bench-token-0123456789

echo
echo "mock generation in-process, one thread:"
"$BIN/BlueprintBench" tokens
"$BIN/BlueprintBench" plan
echo
echo "application CPU per request in-process, one thread (middleware, handlers, mock; no sockets):"
"$BIN/BlueprintBench" stack 200000
echo
echo "idle RSS: core $(echo "scale=1; $idle/1024" | bc) MB, BlueprintServer $(echo "scale=1; $api_idle/1024" | bc) MB"
echo "RSS after JSON runs: $(echo "scale=1; $rss_after_json/1024" | bc) MB; after a further run: $(echo "scale=1; $rss_after_second/1024" | bc) MB"
echo "held streams:"
python3 Benchmarks/hold_streams.py "$BENCH_PORT" "$bench_pid" "$STREAMS" /slow-sse

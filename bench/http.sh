#!/usr/bin/env bash
# HTTP throughput of the running service, measured with wrk from outside the JVM (the in-JVM
# benchmarks share the heap and the cores with their own HTTP client). Starts the packaged jar on
# a fresh SQLite file bound to 127.0.0.1, creates a purpose and a notice, imports $CONTACTS contacts
# (default 1,000,000) with the import command, then, each wrk run lasting $SECONDS_PER_RUN seconds:
#   trivial   GET  /api/v1/eligibility/windows   (API key check + a cached value as JSON)
#   decision  GET  /api/v1/eligibility           (one decision from the in-memory index)
#   consent   POST /api/v1/consents              (a durable, chained consent GRANT per request)
# For each connection count of $CONNECTIONS (default "32 4") in turn: $RUNS runs of trivial and
# decision alternated (so that both see the same machine), with a summary line of their medians and
# ratio; and, at the first count only, $RUNS consent runs when $PHASES names consent, after
# $CONSENT_WARMUP_S seconds (default 60) of consent load that is not counted. Each grant queues a
# background refresh of its contact in the index: the script waits until the server is idle again
# before the next measurement, so that decisions never compete with that backlog. Every run also
# prints the server's CPU time per request answered (all its threads, JIT and collector included).
# PHASES (default "decision consent"): which measurements to run, in that order.
# SERVER_JAVA_OPTS adds JVM options to the server only (e.g. a flight recording); JAR another build.
# Needs: wrk (Debian package `wrk`), curl, python3, and target/optinel.jar (./mvnw -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18080}
RUNS=${RUNS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
CONNECTIONS=${CONNECTIONS:-32 4}
PHASES=${PHASES:-decision consent}
THREADS=${THREADS:-2}
CONTACTS=${CONTACTS:-1000000}
JAR=${JAR:-target/optinel.jar}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
[ -f "$JAR" ] || { echo "$JAR is missing: ./mvnw -DskipTests package" >&2; exit 2; }

WORK=$(mktemp -d)
KEY="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
BASE="http://127.0.0.1:$PORT"
OPTINEL_DATA_DIR="$WORK/data" OPTINEL_BOOTSTRAP_TENANT=Bench OPTINEL_BOOTSTRAP_API_KEY="$KEY" \
  java -Xmx2g ${SERVER_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 120); do curl -sf "$BASE/actuator/health" >/dev/null && break; sleep 0.5; done

api() { curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$@"; }
api -d '{"key":"promotions","name":"Promotions","kind":"MARKETING"}' "$BASE/api/v1/purposes" >/dev/null
NOTICE=$(api -d '{"purpose":"promotions","language":"fr","text":"J accepte de recevoir les offres par SMS."}' \
  "$BASE/api/v1/notices" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
# The base: $CONTACTS French mobiles through the import command, their ids read back for the scripts.
python3 - "$WORK/contacts.csv" "$CONTACTS" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("phone;first_name\n")
    for i in range(int(sys.argv[2])):
        f.write("+3361%07d;Bench\n" % i)
PY
OPTINEL_DATA_DIR="$WORK/data" java -jar "$JAR" import "$WORK/contacts.csv" --tenant Bench --origin "bench base" \
  --errors "$WORK/errors.csv" > "$WORK/import.log" 2>&1 < /dev/null
# One line each for the consent script; all in one string for the decision script (below).
python3 - "$WORK/data/optinel.db" "$WORK/ids" "$WORK/ids36" <<'PY'
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("SELECT contact_id FROM contact").fetchall()
assert all(len(r[0]) == 36 for r in rows)
open(sys.argv[2], "w").write("".join(r[0] + "\n" for r in rows))
open(sys.argv[3], "w").write("".join(r[0] for r in rows))
print("BENCH http-wrk base contacts=%d" % len(rows))
PY

# A GRANT per request, for the contacts in turn, with its own evidence reference: as the decision
# script below, the body is spliced from parts made once, not formatted per request.
cat > "$WORK/consent.lua" <<LUA
local f = io.open("$WORK/ids36")
local ids = f:read("*a")
f:close()
local count = #ids / 36
local n = 0
local parts
local threads = 0
setup = function(thread) -- each wrk thread starts at its own place in the contacts
  thread:set("first", threads * 7919)
  threads = threads + 1
end
init = function()
  n = first or 0
  -- Placeholders as long as what replaces them (an id, a 10-digit number), so Content-Length holds.
  local r = wrk.format("POST", "/api/v1/consents", {["Authorization"] = "Bearer $KEY",
    ["Content-Type"] = "application/json"},
    '{"contactId":"' .. string.rep("I", 36) .. '","channel":"SMS","purpose":"promotions","action":"GRANT",'
    .. '"source":"API","noticeId":"$NOTICE","evidence":{"reference":"wrk-' .. string.rep("N", 10)
    .. '","ip":"203.0.113.7"}}')
  local at = r:find(string.rep("I", 36), 1, true)
  local atn = r:find(string.rep("N", 10), 1, true)
  parts = { r:sub(1, at - 1), r:sub(at + 36, atn - 1), r:sub(atn + 10) }
end
request = function()
  local k = n % count
  n = n + 1
  return parts[1] .. ids:sub(k * 36 + 1, k * 36 + 36) .. parts[2] .. string.format("%010d", n) .. parts[3]
end
LUA
# The request scripts do as little as they can, as wrk runs on the same 2 cores as the server: the
# request text is built once, and the decision script only splices a contact id into it. The ids
# are one string, not a table of a million strings, which LuaJIT's collector would walk again and
# again (with wrk.format per request and that table, the same server answered 8.6-8.9k decisions/s
# with a p99 of 280-430 ms; with this script, 11.7-13.0k/s and 32-37 ms).
cat > "$WORK/decision.lua" <<LUA
local f = io.open("$WORK/ids36")
local ids = f:read("*a")
f:close()
local count = #ids / 36
local n = 0
local head, tail
init = function()
  local r = wrk.format("GET", "/api/v1/eligibility?channel=SMS&purpose=promotions&at=2026-12-01T10:00:00Z&contactId=@ID@",
    {["Authorization"] = "Bearer $KEY"})
  local at = r:find("@ID@", 1, true)
  head, tail = r:sub(1, at - 1), r:sub(at + 4)
end
request = function()
  local k = n % count
  n = n + 1
  return head .. ids:sub(k * 36 + 1, k * 36 + 36) .. tail
end
LUA
cat > "$WORK/trivial.lua" <<LUA
local r
init = function()
  r = wrk.format("GET", "/api/v1/eligibility/windows", {["Authorization"] = "Bearer $KEY"})
end
request = function()
  return r
end
LUA

measure() { # name script connections: one wrk run, its figures in RPS and P99_MS
  local out non2xx before after groups_before groups_after
  before=$(cpu_ticks)
  groups_before=$(group_commits)
  out=$(wrk -t"$THREADS" -c"$3" -d"${SECONDS_PER_RUN}s" --latency -s "$2" "$BASE")
  after=$(cpu_ticks)
  groups_after=$(group_commits)
  RPS=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  P99_MS=$(echo "$out" | awk '$1 == "99%" {v = $2; u = v; sub(/[a-z]+$/, "", v); sub(/^[0-9.]+/, "", u);
    printf "%.2f", v * (u == "us" ? 0.001 : u == "s" ? 1000 : u == "m" ? 60000 : 1)}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  # The server's CPU time (all its threads) per request answered: unlike requests/s, it hardly
  # depends on what else the machine runs.
  CPU_US=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v r="$RPS" -v s="$SECONDS_PER_RUN" \
    'BEGIN {printf "%.0f", t * 1000000 / hz / (r * s)}')
  echo "BENCH http-wrk $1 connections=$3 run=$run/$RUNS requests_per_s=$RPS p99_ms=$P99_MS non_2xx=${non2xx:-0}" \
    "server_cpu_us_per_request=$CPU_US$(echo "$groups_before $groups_after" | awk '$4 > $1 {
      printf " group_commits=%d writes_per_group=%.1f ms_per_group=%.2f", $4 - $1, ($5 - $2) / ($4 - $1), ($6 - $3) * 1000 / ($4 - $1)}')"
}
# The group-commit writer's totals from the metrics endpoint: groups, writes, seconds in its transactions.
group_commits() {
  curl -sf "$BASE/actuator/prometheus" | awk '$1 == "optinel_group_commit_writes_count" {g = $2}
    $1 == "optinel_group_commit_writes_sum" {w = $2} $1 == "optinel_group_commit_duration_seconds_sum" {s = $2}
    END {printf "%d %d %s", g, w, s ? s : 0}'
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
# Waits until the server uses less than 5 % of a core for 2 seconds in a row (at most 10 minutes):
# the index refreshes queued by the grants, the JIT and the collector have settled.
wait_idle() {
  local start=$SECONDS quiet=0 before after
  before=$(cpu_ticks)
  while [ $quiet -lt 2 ] && [ $((SECONDS - start)) -lt 600 ]; do
    sleep 1
    after=$(cpu_ticks)
    if [ $((after - before)) -lt $(( $(getconf CLK_TCK) / 20 + 1 )) ]; then quiet=$((quiet + 1)); else quiet=0; fi
    before=$after
  done
  echo "BENCH http-wrk idle_after_s=$((SECONDS - start))"
}
decisions() { # connections: trivial and decision alternated, then their medians
  local t_rps=() t_p99=() d_rps=() d_p99=()
  for run in $(seq "$RUNS"); do
    measure trivial "$WORK/trivial.lua" "$1"; t_rps+=("$RPS"); t_p99+=("$P99_MS")
    measure decision "$WORK/decision.lua" "$1"; d_rps+=("$RPS"); d_p99+=("$P99_MS")
  done
  local t d
  t=$(median "${t_rps[@]}"); d=$(median "${d_rps[@]}")
  echo "BENCH http-wrk summary connections=$1 trivial_per_s=$t trivial_p99_ms=$(median "${t_p99[@]}")" \
    "decision_per_s=$d decision_p99_ms=$(median "${d_p99[@]}") ratio=$(awk -v d="$d" -v t="$t" 'BEGIN {printf "%.2f", d / t}')"
}
# The first decision loads the tenant's index in the background; wait for it, and warm both up.
wrk -t1 -c4 -d10s -s "$WORK/decision.lua" "$BASE" > /dev/null
wrk -t1 -c4 -d5s -s "$WORK/trivial.lua" "$BASE" > /dev/null
wait_idle
first=1
for connections in $CONNECTIONS; do
  for phase in $PHASES; do
    case $phase in
      decision) decisions "$connections" ;;
      consent)
        if [ $first = 1 ]; then
          # Warm-up: the JIT compiles the write path (C2 threads were the server's largest CPU user
          # during unwarmed consent runs), then the refreshes it queued settle.
          wrk -t"$THREADS" -c"$connections" -d"${CONSENT_WARMUP_S:-60}s" -s "$WORK/consent.lua" "$BASE" > /dev/null
          wait_idle
          for run in $(seq "$RUNS"); do measure consent "$WORK/consent.lua" "$connections"; done
          wait_idle
        fi ;;
      *) echo "unknown phase '$phase' in PHASES: use decision and consent" >&2; exit 2 ;;
    esac
  done
  first=0
done
echo "BENCH http-wrk ledger $(api "$BASE/api/v1/ledger/verify")"

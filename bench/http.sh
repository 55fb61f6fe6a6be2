#!/usr/bin/env bash
# HTTP throughput of the running service, measured with wrk from outside the JVM (the in-JVM
# benchmarks share the heap and the cores with their own HTTP client). Starts the packaged jar on
# a fresh SQLite file bound to 127.0.0.1, creates a purpose and a notice, imports $CONTACTS contacts
# (default 1,000,000) with the import command, then runs,
# each for $SECONDS_PER_RUN seconds and $RUNS times, with $CONNECTIONS keep-alive connections:
#   trivial   GET  /api/v1/eligibility/windows   (API key check + a cached value as JSON)
#   consent   POST /api/v1/consents              (a durable, chained consent GRANT per request)
#   decision  GET  /api/v1/eligibility           (one decision from the in-memory index)
# and the trivial and decision requests again with 4 connections, for latency at light load.
# SERVER_JAVA_OPTS adds JVM options to the server only (e.g. a flight recording).
# Needs: wrk (Debian package `wrk`), curl, python3, and target/optinel.jar (./mvnw -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18080}
RUNS=${RUNS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
CONTACTS=${CONTACTS:-1000000}
JAR=target/optinel.jar
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
python3 - "$WORK/data/optinel.db" "$WORK/ids" <<'PY'
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("SELECT contact_id FROM contact").fetchall()
open(sys.argv[2], "w").write("".join(r[0] + "\n" for r in rows))
print("BENCH http-wrk base contacts=%d" % len(rows))
PY

cat > "$WORK/consent.lua" <<LUA
local ids = {}
for line in io.lines("$WORK/ids") do ids[#ids + 1] = line end
local n = 0
request = function()
  n = n + 1
  local body = '{"contactId":"' .. ids[(n % #ids) + 1] .. '","channel":"SMS","purpose":"promotions",'
    .. '"action":"GRANT","source":"API","noticeId":"$NOTICE","evidence":{"reference":"wrk-' .. n .. '","ip":"203.0.113.7"}}'
  return wrk.format("POST", "/api/v1/consents", {["Authorization"] = "Bearer $KEY",
    ["Content-Type"] = "application/json"}, body)
end
LUA
cat > "$WORK/decision.lua" <<LUA
local ids = {}
for line in io.lines("$WORK/ids") do ids[#ids + 1] = line end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/v1/eligibility?channel=SMS&purpose=promotions&at=2026-12-01T10:00:00Z&contactId="
    .. ids[(n % #ids) + 1], {["Authorization"] = "Bearer $KEY"})
end
LUA
cat > "$WORK/trivial.lua" <<LUA
request = function()
  return wrk.format("GET", "/api/v1/eligibility/windows", {["Authorization"] = "Bearer $KEY"})
end
LUA

measure() { # name script [connections]
  for run in $(seq "$RUNS"); do
    out=$(wrk -t"$THREADS" -c"${3:-$CONNECTIONS}" -d"${SECONDS_PER_RUN}s" --latency -s "$2" "$BASE")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    echo "BENCH http-wrk $1 run=$run/$RUNS requests_per_s=$rps p99=$p99 non_2xx=${non2xx:-0}"
  done
}
# The first decision loads the tenant's index in the background; wait for it before measuring.
wrk -t1 -c4 -d10s -s "$WORK/decision.lua" "$BASE" > /dev/null
measure trivial "$WORK/trivial.lua"
measure consent "$WORK/consent.lua"
measure decision "$WORK/decision.lua"
# The same at light load: latency when wrk and the server do not queue on the 2 cores.
measure trivial-4c "$WORK/trivial.lua" 4
measure decision-4c "$WORK/decision.lua" 4
echo "BENCH http-wrk ledger $(api "$BASE/api/v1/ledger/verify")"

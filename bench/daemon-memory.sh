#!/usr/bin/env bash
# Memory of the real daemon (`newsvault run`) with many configured feeds: FEEDS full-text feeds (default
# 10000) of one item each on the bench outlet, polled once right at start. Reports the daemon's peak
# resident set (VmHWM) once every feed has been polled and its articles archived, then stops it and
# checks the result with `newsvault verify`.
#
#   mvn -q -o package -DskipTests && bench/daemon-memory.sh [FEEDS] [JVM options...]
#
# JVM options default to -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1, with MALLOC_ARENA_MAX=2 (what
# the README recommends for a daemon with thousands of feeds); set MALLOC_ARENA_MAX to override it.
# Environment: LIMIT_MB (default 256), CORPUS, KEEP=1. Exit 0 under the limit, 1 over it or failed, 2 cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
FEEDS=${1:-10000}
shift || true
JVM=("$@")
[ ${#JVM[@]} -gt 0 ] || JVM=(-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
LIMIT_MB=${LIMIT_MB:-256}
CORPUS=${CORPUS:-../shared/corpora/outlets}
JAR=$PWD/target/newsvault.jar
[ -f "$JAR" ] || { echo "daemon-memory: $JAR missing; build it first: mvn -q -o package -DskipTests" >&2; exit 2; }
. bench/http-get.sh
[ -r /proc/self/status ] || { echo "daemon-memory: needs Linux /proc" >&2; exit 2; }

W=$(mktemp -d "${TMPDIR:-/tmp}/newsvault-daemon.XXXXXX")
SERVER=
DAEMON=
cleanup() {
    [ -n "$DAEMON" ] && kill "$DAEMON" 2>/dev/null || true
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
    if [ "${KEEP:-0}" = 1 ]; then echo "daemon-memory: work directory kept: $W"; else rm -rf "$W"; fi
}
trap cleanup EXIT
stat_of() { http_get /_stats | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }

java -jar "$JAR" bench serve --feeds "$FEEDS" --items 1 --corpus "$CORPUS" --port-file "$W/port" >"$W/outlet.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 300); do [ -s "$W/port" ] && break; sleep 0.1; done
[ -s "$W/port" ] || { cat "$W/outlet.log"; echo "daemon-memory: the bench outlet did not start" >&2; exit 2; }
PORT=$(cat "$W/port")
BASE="http://127.0.0.1:$PORT"

{
    echo "data: $W/data"
    echo "archive: $W/archive"
    echo "http: {per-host: 16, per-host-gap: 1ms, retries: 0}"
    echo "outlets:"
    for ((o = 0; o * 10 < FEEDS; o++)); do
        echo "  - id: d-$o"
        echo "    interval: 6h"
        echo "    feeds:"
        for ((f = o * 10; f < FEEDS && f < o * 10 + 10; f++)); do echo "      - $BASE/d/full/$f.xml"; done
    done
} >"$W/newsvault.yaml"

start=$(date +%s)
java "${JVM[@]}" -jar "$JAR" --config "$W/newsvault.yaml" run >"$W/daemon.log" 2>&1 &
DAEMON=$!
# Every feed answered once, then the daemon's log quiet for 10 s: the first round is done.
while :; do
    kill -0 "$DAEMON" 2>/dev/null || { tail -5 "$W/daemon.log"; echo "daemon-memory: FAIL: the daemon exited"; exit 1; }
    [ $(( $(date +%s) - start )) -lt 1800 ] || { echo "daemon-memory: FAIL: first round not done in 30 min"; exit 1; }
    if [ "$(stat_of feedRequests)" -ge "$FEEDS" ]; then
        size=$(stat -c %s "$W/daemon.log"); sleep 10
        [ "$(stat -c %s "$W/daemon.log")" = "$size" ] && break
    else
        sleep 2
    fi
done
round=$(( $(date +%s) - start ))
hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$DAEMON/status")
rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$DAEMON/status")
kill -TERM "$DAEMON"
wait "$DAEMON" || true
DAEMON=
summary=$(java -jar "$JAR" --config "$W/newsvault.yaml" verify | tail -1)
echo "daemon with $FEEDS feeds (MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX ${JVM[*]}): first round in ${round} s; peak RSS $((hwm / 1024)) MB, RSS now $((rss / 1024)) MB"
echo "$summary"
case "$summary" in *"no problems"*) ;; *) echo "daemon-memory: FAIL: verify found problems"; exit 1 ;; esac
[ $((hwm / 1024)) -lt "$LIMIT_MB" ] || { echo "daemon-memory: FAIL: peak RSS over ${LIMIT_MB} MB"; exit 1; }
echo "daemon-memory: PASS (under ${LIMIT_MB} MB)"

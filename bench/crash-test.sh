#!/usr/bin/env bash
# Crash safety, end to end, with the real jar.
# 1. First start: FIRST_STARTS fresh data directories (default 10), each killed with SIGKILL at a moment
#    spread over how long a first start takes here (schema creation included); each must start again.
# 2. Ingest: polls a local outlet that keeps publishing and kills the poll at random moments (KILLS times,
#    default 20; the latest moment adapts so that most kills land mid-poll); after every kill the database
#    must open and hold nothing but what startup recovery finishes (pending files, temp files). Then one
#    complete poll, after which `newsvault verify --deep` must be clean and every item the outlet served
#    must be archived exactly once.
#
#   mvn -q -o package -DskipTests && bench/crash-test.sh [KILLS]
#
# Environment: FIRST_STARTS (default 10), FEEDS (per kind, default 10), ITEMS (per feed, default 100),
# GROW (new items per feed per poll, default 5), MAX_DELAY_MS (latest kill after start, default 9000: a poll's
# first article rows commit about 5–6 s after its JVM starts on our 2-core VM, and kills must land after that too),
# CORPUS (article bodies, default ../shared/corpora/outlets), KEEP=1 keeps the work directory.
# Exit 0 pass, 1 fail, 2 cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${1:-20}
FIRST_STARTS=${FIRST_STARTS:-10}
FEEDS=${FEEDS:-10}
ITEMS=${ITEMS:-100}
GROW=${GROW:-5}
MAX_DELAY_MS=${MAX_DELAY_MS:-9000}
CORPUS=${CORPUS:-../shared/corpora/outlets}
JAR=$PWD/target/newsvault.jar
[ -f "$JAR" ] || { echo "crash-test: $JAR missing; build it first: mvn -q -o package -DskipTests" >&2; exit 2; }
. bench/http-get.sh

W=$(mktemp -d "${TMPDIR:-/tmp}/newsvault-crash.XXXXXX")
SERVER=
POLL=
cleanup() {
    [ -n "$POLL" ] && kill -9 "$POLL" 2>/dev/null || true
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
    if [ "${KEEP:-0}" = 1 ]; then echo "crash-test: work directory kept: $W"; else rm -rf "$W"; fi
}
trap cleanup EXIT
fail() { echo "crash-test: FAIL: $*"; exit 1; }
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }
start=$(date +%s)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
first_dir() {
    mkdir -p "$1"
    # one outlet whose only feed is off: poll and run refuse a config without outlets
    printf 'data: %s/data\narchive: %s/archive\noutlets:\n  - id: none\n    feeds: [{url: "http://127.0.0.1:9/off.xml", enabled: false}]\n' "$1" "$1" >"$1/newsvault.yaml"
}

# 1. Kills during the first start, at moments spread over how long a complete first start takes here.
first_dir "$W/first-0"
t0=$(now_ms)
java -jar "$JAR" --config "$W/first-0/newsvault.yaml" poll >"$W/first-0/first.log" 2>&1 || { cat "$W/first-0/first.log"; exit 2; }
first_ms=$(( $(now_ms) - t0 ))
first_failed=0
for j in $(seq 1 "$FIRST_STARTS"); do
    D="$W/first-$j"
    first_dir "$D"
    # 40–95 % of a first start: the JVM is up and the schema is being created (about 65–70 % on our VM)
    delay_ms=$((first_ms * 40 / 100 + (j - 1) * (first_ms * 55 / 100) / (FIRST_STARTS > 1 ? FIRST_STARTS - 1 : 1)))
    java -jar "$JAR" --config "$D/newsvault.yaml" poll >"$D/first.log" 2>&1 &
    POLL=$!
    sleep_ms "$delay_ms"
    kill -9 "$POLL" 2>/dev/null && what=killed || what="had finished"
    wait "$POLL" 2>/dev/null || true
    POLL=
    if java -jar "$JAR" --config "$D/newsvault.yaml" poll >"$D/restart.log" 2>&1; then
        echo "first start $j/$FIRST_STARTS, kill after ${delay_ms} ms ($what): restarts"
    else
        first_failed=$((first_failed + 1))
        echo "first start $j/$FIRST_STARTS, kill after ${delay_ms} ms ($what): DOES NOT START AGAIN:" \
            "$(grep '^newsvault: ' "$D/restart.log" | head -1)"
    fi
done

java -jar "$JAR" bench serve --feeds "$FEEDS" --items "$ITEMS" --grow "$GROW" --corpus "$CORPUS" \
    --port-file "$W/port" >"$W/outlet.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 300); do [ -s "$W/port" ] && break; sleep 0.1; done
[ -s "$W/port" ] || { cat "$W/outlet.log"; echo "crash-test: the bench outlet did not start" >&2; exit 2; }
PORT=$(cat "$W/port")
BASE="http://127.0.0.1:$PORT"

{
    echo "data: $W/data"
    echo "archive: $W/archive"
    echo "http: {per-host: 16, per-host-gap: 1ms, retries: 0}"
    echo "outlets:"
    for kind in teaser full; do
        echo "  - id: crash-$kind"
        # the corpus bodies link the outlets' real image servers: a bench asks nobody but its own outlet
        echo "    images: false"
        echo "    feeds:"
        for f in $(seq 0 $((FEEDS - 1))); do echo "      - $BASE/c/$kind/$f.xml"; done
    done
} >"$W/newsvault.yaml"
nv() { java -jar "$JAR" --config "$W/newsvault.yaml" "$@"; }

# 2. Kills during a large ingest.
killed=0
# The latest kill moment adapts: shorter after a run that finished before its kill, longer after one that
# did not, so most kills land mid-poll whatever the machine's speed.
window_ms=$MAX_DELAY_MS
for i in $(seq 1 "$KILLS"); do
    delay_ms=$((200 + RANDOM % (window_ms - 200)))
    # java itself in the background (not a shell function), so $! is the process that gets the SIGKILL
    java -jar "$JAR" --config "$W/newsvault.yaml" poll >"$W/poll-$i.log" 2>&1 &
    POLL=$!
    sleep_ms "$delay_ms"
    if kill -9 "$POLL" 2>/dev/null; then
        killed=$((killed + 1))
        what="killed"
        window_ms=$((window_ms * 11 / 10 > MAX_DELAY_MS ? MAX_DELAY_MS : window_ms * 11 / 10))
    else
        what="had finished"
        window_ms=$((window_ms * 3 / 4 < 1000 ? 1000 : window_ms * 3 / 4))
    fi
    wait "$POLL" 2>/dev/null || true
    POLL=
    # After a kill the database must open and hold only what startup recovery finishes.
    set +e
    nv verify >"$W/verify-$i.log" 2>&1
    rc=$?
    set -e
    grep -q '^verify: ' "$W/verify-$i.log" || { cat "$W/verify-$i.log"; fail "verify after kill $i did not complete (exit $rc)"; }
    # (A kill before the first start created the database leaves none: also fine.)
    bad=$(grep -v -e '^verify: ' -e '^pending file: ' -e '^temp file: ' -e '^database: .*: no newsvault database here' \
        "$W/verify-$i.log" || true)
    [ -z "$bad" ] || { echo "$bad" | head -20; fail "kill $i left damage that recovery does not handle"; }
    echo "kill $i/$KILLS after ${delay_ms} ms ($what): $(grep -c -e '^pending file: ' "$W/verify-$i.log" || true) pending," \
        "$(grep -c -e '^temp file: ' "$W/verify-$i.log" || true) temp; $(grep '^verify: ' "$W/verify-$i.log" | sed 's/^verify: //')"
done

# One complete poll: recovery finishes what the kills left, the poll archives everything served so far.
nv poll >"$W/poll-final.log" 2>&1 || { tail -20 "$W/poll-final.log"; fail "the final poll failed"; }
nv verify --deep >"$W/verify-final.log" 2>&1 || { cat "$W/verify-final.log"; fail "verify --deep after the final poll found problems"; }
articles=$(sed -n 's/^verify: \([0-9,]*\) articles.*/\1/p' "$W/verify-final.log" | tr -d ,)
served=$(http_get /_stats | sed -n 's/.*"servedItems":\([0-9]*\).*/\1/p')
echo "final: $(cat "$W/verify-final.log")"
echo "first start takes ${first_ms} ms here; $first_failed of $FIRST_STARTS killed first starts do not start again"
echo "served $served distinct items, archived $articles articles; $killed of $KILLS runs killed mid-poll; $(( $(date +%s) - start )) s"
[ "$articles" = "$served" ] || fail "archived $articles articles but the outlet served $served items"
[ "$KILLS" = 0 ] || [ "$killed" -gt 0 ] || fail "no run was killed mid-poll; raise ITEMS or lower MAX_DELAY_MS"
[ "$first_failed" = 0 ] || fail "$first_failed of $FIRST_STARTS data directories killed during their first start do not start again"
echo "crash-test: PASS"

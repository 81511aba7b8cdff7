#!/usr/bin/env bash
# Crash safety, end to end: starts the real jar polling a local outlet that keeps publishing, kills it
# with SIGKILL at random moments (KILLS times, default 20), checks after every kill that the database
# opens and holds nothing but what startup recovery finishes (pending files, temp files), then runs one
# complete poll and requires `newsvault verify --deep` to be clean and every item the outlet served to be
# archived exactly once.
#
#   mvn -q -o package -DskipTests && bench/crash-test.sh [KILLS]
#
# Environment: FEEDS (per kind, default 10), ITEMS (per feed, default 100), GROW (new items per feed per
# poll, default 5), MAX_DELAY_MS (latest kill after start, default 6000), CORPUS (article bodies, default
# ../shared/corpora/outlets), KEEP=1 keeps the work directory. Exit 0 pass, 1 fail, 2 cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${1:-20}
FEEDS=${FEEDS:-10}
ITEMS=${ITEMS:-100}
GROW=${GROW:-5}
MAX_DELAY_MS=${MAX_DELAY_MS:-6000}
CORPUS=${CORPUS:-../shared/corpora/outlets}
JAR=$PWD/target/newsvault.jar
[ -f "$JAR" ] || { echo "crash-test: $JAR missing; build it first: mvn -q -o package -DskipTests" >&2; exit 2; }
command -v curl >/dev/null || { echo "crash-test: needs curl" >&2; exit 2; }

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

java -jar "$JAR" bench serve --feeds "$FEEDS" --items "$ITEMS" --grow "$GROW" --corpus "$CORPUS" \
    --port-file "$W/port" >"$W/outlet.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 300); do [ -s "$W/port" ] && break; sleep 0.1; done
[ -s "$W/port" ] || { cat "$W/outlet.log"; echo "crash-test: the bench outlet did not start" >&2; exit 2; }
BASE="http://127.0.0.1:$(cat "$W/port")"

{
    echo "data: $W/data"
    echo "archive: $W/archive"
    echo "http: {per-host: 16, per-host-gap: 1ms, retries: 0}"
    echo "outlets:"
    for kind in teaser full; do
        echo "  - id: crash-$kind"
        echo "    feeds:"
        for f in $(seq 0 $((FEEDS - 1))); do echo "      - $BASE/c/$kind/$f.xml"; done
    done
} >"$W/newsvault.yaml"
nv() { java -jar "$JAR" --config "$W/newsvault.yaml" "$@"; }

start=$(date +%s)
killed=0
for i in $(seq 1 "$KILLS"); do
    delay_ms=$((200 + RANDOM % (MAX_DELAY_MS - 200)))
    # java itself in the background (not a shell function), so $! is the process that gets the SIGKILL
    java -jar "$JAR" --config "$W/newsvault.yaml" poll >"$W/poll-$i.log" 2>&1 &
    POLL=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    if kill -9 "$POLL" 2>/dev/null; then
        killed=$((killed + 1))
        what="killed"
    else
        what="had finished"
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
served=$(curl -fsS "$BASE/_stats" | sed -n 's/.*"servedItems":\([0-9]*\).*/\1/p')
echo "final: $(cat "$W/verify-final.log")"
echo "served $served distinct items, archived $articles articles; $killed of $KILLS runs killed mid-poll; $(( $(date +%s) - start )) s"
[ "$articles" = "$served" ] || fail "archived $articles articles but the outlet served $served items"
[ "$killed" -gt 0 ] || fail "no run was killed mid-poll; raise ITEMS or lower MAX_DELAY_MS"
echo "crash-test: PASS"

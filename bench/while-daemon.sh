#!/usr/bin/env bash
# Every command against a running daemon, with the real jar in separate processes (README "While the daemon
# runs"). A local outlet keeps publishing while `newsvault run` polls it; meanwhile status, verify, export
# (seed and jsonl), import, changes, recheck, feeds add and opml export must work and agree with the archive;
# poll and compact must be refused naming the daemon. Then the daemon is killed with SIGKILL while an import
# works through it: the import must say why it stopped, the next start must finish what both left, and
# `verify --deep` must be clean with every item the outlet served archived exactly once (plus the imports).
#
#   mvn -q -o package -DskipTests && bench/while-daemon.sh
#
# Environment: FEEDS (per kind, default 4), ITEMS (per feed, default 40), CORPUS (default ../shared/corpora/outlets),
# KEEP=1 keeps the work directory. Exit 0 pass, 1 fail, 2 cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
FEEDS=${FEEDS:-4}
ITEMS=${ITEMS:-40}
CORPUS=${CORPUS:-../shared/corpora/outlets}
[ -d "$CORPUS" ] || CORPUS=
JAR=$PWD/target/newsvault.jar
SEEDS=$PWD/src/test/resources/export/seeds
[ -f "$JAR" ] || { echo "while-daemon: $JAR missing; build it first: mvn -q -o package -DskipTests" >&2; exit 2; }
. bench/http-get.sh

W=$(mktemp -d "${TMPDIR:-/tmp}/newsvault-live.XXXXXX")
SERVER=
DAEMON=
cleanup() {
    [ -n "$DAEMON" ] && kill -9 "$DAEMON" 2>/dev/null || true
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
    if [ "${KEEP:-0}" = 1 ]; then echo "while-daemon: work directory kept: $W"; else rm -rf "$W"; fi
}
trap cleanup EXIT
fail() { echo "while-daemon: FAIL: $*"; [ -f "$W/daemon.log" ] && tail -15 "$W/daemon.log"; exit 1; }
start=$(date +%s)

# one feed more than configured: the one `feeds add` adds while the daemon runs
java -jar "$JAR" bench serve --images --feeds "$((FEEDS + 1))" --items "$ITEMS" --grow 3 ${CORPUS:+--corpus "$CORPUS"} \
    --port-file "$W/port" >"$W/outlet.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 300); do [ -s "$W/port" ] && break; sleep 0.1; done
[ -s "$W/port" ] || { cat "$W/outlet.log"; echo "while-daemon: the bench outlet did not start" >&2; exit 2; }
PORT=$(cat "$W/port")
BASE="http://127.0.0.1:$PORT"
{
    echo "data: $W/data"
    echo "archive: $W/archive"
    echo "http: {per-host: 8, per-host-gap: 1ms, retries: 0}"
    echo "outlets:"
    for kind in teaser full; do
        echo "  - id: live-$kind"
        echo "    interval: 1m"
        echo "    feeds:"
        for f in $(seq 0 $((FEEDS - 1))); do echo "      - $BASE/c/$kind/$f.xml"; done
    done
} >"$W/newsvault.yaml"
nv() { java -jar "$JAR" --config "$W/newsvault.yaml" "$@"; }
# expect CODE NAME CMD...: runs a command (output in $W/NAME.out) and checks its exit status
expect() {
    local want=$1 name=$2 rc
    shift 2
    set +e
    nv "$@" >"$W/$name.out" 2>&1
    rc=$?
    set -e
    [ "$rc" = "$want" ] || { cat "$W/$name.out" | head -20; fail "$name: exit $rc, expected $want"; }
    echo "$name (exit $rc): $(tail -1 "$W/$name.out")"
}

java -jar "$JAR" --config "$W/newsvault.yaml" run >"$W/daemon.log" 2>&1 &
DAEMON=$!
for _ in $(seq 1 600); do grep -q 'new [1-9]' "$W/daemon.log" 2>/dev/null && break; sleep 0.1; done
grep -q 'new [1-9]' "$W/daemon.log" || fail "the daemon archived nothing within a minute"
[ -f "$W/data/daemon.endpoint" ] || fail "no data/daemon.endpoint while the daemon runs"
[ "$(stat -c %a "$W/data/daemon.endpoint")" = 600 ] || fail "data/daemon.endpoint is not mode 600"

# While the daemon polls (the outlet grows by 3 items per feed per poll): every command.
expect 0 status status
grep -q '^newsvault is running' "$W/status.out" || fail "status does not say the daemon runs"
expect 0 import import "$SEEDS"
grep -q '^imported 5, duplicate 0' "$W/import.out" || fail "import through the daemon did not import the 5 seeds"
expect 0 verify verify
grep -q 'no problems' "$W/verify.out" || fail "verify of the live archive found problems"
expect 0 export-seed export --format seed --out "$W/seed"
expect 0 export-jsonl export --format jsonl --out "$W/live.jsonl"
expect 0 changes changes
expect 0 recheck recheck --outlet live-full --all
expect 0 feeds-add feeds add live-extra "$BASE/c/full/$FEEDS.xml"
expect 0 opml opml export --out "$W/feeds.opml"
grep -q "c/full/$FEEDS.xml" "$W/feeds.opml" || fail "opml export misses the feed just added"
for _ in $(seq 1 300); do grep -q "live-extra .*new [1-9]" "$W/daemon.log" && break; sleep 0.1; done
grep -q "live-extra .*new [1-9]" "$W/daemon.log" || fail "the daemon did not poll the feed added through the CLI"
expect 1 poll poll
grep -q "(pid $DAEMON, run)" "$W/poll.out" || fail "poll is not refused naming the daemon"
expect 1 compact compact
expect 0 status-counts status
grep -q 'articles per outlet: .*live-extra' "$W/status-counts.out" || fail "status does not count per outlet through the daemon"

# SIGKILL the daemon while an import works through it.
mkdir -p "$W/more"
for s in "$SEEDS"/*; do
    # another URL and another last line: 40 new articles per seed
    for k in $(seq 1 40); do
        { sed "s|^\(\[[^]]*\](\)\([^)]*\))|\1\2?copy=$k)|" "$s"; printf '<p>copy %d</p>\n' "$k"; } >"$W/more/$k-$(basename "$s")"
    done
done
set +e
nv import "$W/more" >"$W/import-killed.out" 2>&1 &
IMPORT=$!
# the import's JVM starts, connects and writes for a while (200 files) before the kill
files() { find "$W/archive" -type f -name '*.txt' | wc -l; }
before=$(files)
for _ in $(seq 1 300); do [ "$(files)" -gt $((before + 20)) ] && break; sleep 0.1; done
kill -9 "$DAEMON"
wait "$DAEMON" 2>/dev/null
DAEMON=
wait "$IMPORT"
rc=$?
set -e
echo "import while the daemon was killed (exit $rc): $(tail -1 "$W/import-killed.out")"
if [ "$rc" != 0 ]; then
    grep -q 'closed the archive while this command ran' "$W/import-killed.out" || fail "the interrupted import does not say why"
fi

# The next start finishes what the kill left; then everything served is archived exactly once.
expect 0 import-again import "$W/more"
expect 0 final-poll poll
expect 0 final-verify verify --deep
articles=$(sed -n 's/^verify: \([0-9,]*\) articles.*/\1/p' "$W/final-verify.out" | tr -d ,)
served=$(http_get /_stats | sed -n 's/.*"servedItems":\([0-9]*\).*/\1/p')
imported=$(( 5 + $(ls "$W/more" | wc -l) ))
echo "served $served distinct items, imported $imported files, archived $articles articles; $(( $(date +%s) - start )) s"
[ "$articles" = "$((served + imported))" ] || fail "archived $articles articles, expected $served served + $imported imported"
echo "while-daemon: PASS"

#!/usr/bin/env bash
# Two nodes on one PostgreSQL, end to end with the real jar (README "Running several nodes").
#
# kill (default): a local outlet keeps publishing while two daemons (nodes nv-a and nv-b, one config file, one
#   database, one data/ and archive/) poll it. Both must poll (the feeds split), then nv-a is killed with
#   SIGKILL while it holds a feed lease (mid-poll); nv-b must poll every feed nv-a polled, within the takeover
#   time. Then nv-b stops, one `poll` catches up, `verify --deep` must be clean, and every item the outlet served
#   must be archived exactly once.
# bench: the same fixed work (FEEDS per kind x ITEMS, all visible at once) archived by 1 node and by 2 nodes on
#   fresh databases, side by side: the nodes start on a config without feeds, then a config change adds the work;
#   wall time from that change until everything is archived, feeds polled per node, the outlet's page requests
#   (the same in both runs: nothing fetched twice) and URLs archived twice (none).
#
#   mvn -q -o package -DskipTests && bench/two-nodes.sh [kill|bench]
#
# PostgreSQL: inside pg_virtualenv (Debian's postgresql-common) when PGHOST is not set, so a fresh machine with
# the postgresql package needs nothing else; otherwise the PG* variables of an existing server (a database
# nv_two_<pid> is created there and dropped). Environment: FEEDS (per kind, default 6), ITEMS (default 30),
# CORPUS (default ../shared/corpora/outlets), KEEP=1 keeps the work directory. Exit 0 pass, 1 fail, 2 cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-kill}
if [ -z "${PGHOST:-}" ]; then
    command -v pg_virtualenv >/dev/null || { echo "two-nodes: needs PostgreSQL (Debian: apt-get install postgresql)" >&2; exit 2; }
    exec pg_virtualenv -- "$0" "$@"
fi
FEEDS=${FEEDS:-6}
ITEMS=${ITEMS:-30}
CORPUS=${CORPUS:-../shared/corpora/outlets}
[ -d "$CORPUS" ] || CORPUS=
JAR=$PWD/target/newsvault.jar
[ -f "$JAR" ] || { echo "two-nodes: $JAR missing; build it first: mvn -q -o package -DskipTests" >&2; exit 2; }
. bench/http-get.sh

W=$(mktemp -d "${TMPDIR:-/tmp}/newsvault-nodes.XXXXXX")
SERVER=
PIDS=()
DBS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
    for d in "${DBS[@]}"; do dropdb --if-exists "$d" 2>/dev/null || true; done
    if [ "${KEEP:-0}" = 1 ]; then echo "two-nodes: work directory kept: $W"; else rm -rf "$W"; fi
}
trap cleanup EXIT
fail() {
    echo "two-nodes: FAIL: $*"
    for l in "$W"/*/node-*.log; do [ -f "$l" ] && { echo "--- $l"; tail -8 "$l"; }; done
    exit 1
}
export NEWSVAULT_DB_PASSWORD=$PGPASSWORD
start=$(date +%s)

# outlet GROW: start the bench outlet (K more items per feed request; 0 = all at once)
outlet() {
    [ -n "$SERVER" ] && { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }
    rm -f "$W/port"
    java -jar "$JAR" bench serve --feeds "$FEEDS" --items "$ITEMS" --grow "$1" ${CORPUS:+--corpus "$CORPUS"} \
        --port-file "$W/port" >"$W/outlet.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 300); do [ -s "$W/port" ] && break; sleep 0.1; done
    [ -s "$W/port" ] || { cat "$W/outlet.log"; echo "two-nodes: the bench outlet did not start" >&2; exit 2; }
    PORT=$(cat "$W/port")
    BASE="http://127.0.0.1:$PORT"
}

# archive DIR: a fresh database and a config for it in DIR (one file for every node: the node name comes from
# the host name, here HOSTNAME, as on separate machines)
archive() {
    local dir=$1 db="nv_two_$$_$(basename "$1")"
    mkdir -p "$dir"
    createdb "$db"
    DBS+=("$db")
    DB=$db
    config "$dir" >"$dir/newsvault.yaml"
}
# config DIR [idle]: the shared config; idle: only a switched-off feed (the daemons start, then the work is added)
config() {
    local dir=$1
    {
        echo "database: postgresql://$PGHOST:$PGPORT/$DB?user=$PGUSER"
        echo "data: $dir/data"
        echo "archive: $dir/archive"
        echo "http: {per-host: 8, per-host-gap: 1ms, retries: 0}"
        echo "outlets:"
        if [ "${2:-}" = idle ]; then
            printf '  - id: none\n    feeds: [{url: "http://127.0.0.1:9/off.xml", enabled: false}]\n'
            return
        fi
        for kind in teaser full; do
            echo "  - id: nodes-$kind"
            echo "    interval: 1m"
            echo "    images: false"
            echo "    feeds:"
            for f in $(seq 0 $((FEEDS - 1))); do echo "      - $BASE/c/$kind/$f.xml"; done
        done
    }
}
# node DIR NAME: starts a daemon as node NAME
node() {
    HOSTNAME=$2 java -jar "$JAR" --config "$1/newsvault.yaml" run >"$1/node-$2.log" 2>&1 &
    LAST=$!
    PIDS+=("$LAST")
}
q() { psql -qtAX -d "$DB" -c "$1"; }
# polled_by NAME: feeds whose last poll was NAME's
polled_by() { q "SELECT COUNT(*) FROM feed_lease WHERE done_by = '$1'"; }
articles() { q "SELECT COUNT(*) FROM article" 2>/dev/null || echo 0; }
alive() { q "SELECT COUNT(*) FROM node WHERE stopped_at IS NULL AND heartbeat_at > now() - interval '30 seconds'" 2>/dev/null || echo 0; }
wait_for() { # SECONDS CONDITION...
    local t=$1
    shift
    for _ in $(seq 1 $((t * 5))); do "$@" && return 0; sleep 0.2; done
    return 1
}

kill_test() {
    outlet 3
    local D=$W/kill
    archive "$D"
    node "$D" nv-a
    local A=$LAST
    wait_for 90 grep -q 'new [1-9]' "$D/node-nv-a.log" || fail "nv-a archived nothing within 90 s"
    node "$D" nv-b
    local B=$LAST
    # the second node takes its share: it polls feeds of its own
    b_polled() { [ "$(polled_by nv-b)" -gt 0 ]; }
    wait_for 150 b_polled || fail "nv-b polled no feed within 150 s of its start"
    a_polls() { [ "$(q "SELECT COUNT(*) FROM feed_lease WHERE done_by = 'nv-a' AND done_at > now() - interval '80 seconds'")" -gt 0 ]; }
    wait_for 90 a_polls || fail "nv-a stopped polling once nv-b came"
    # one interval later every feed was polled once more: by its owner among the two
    sleep 65
    recent() { q "SELECT COUNT(*) FROM feed_lease WHERE done_by = '$1' AND done_at > now() - interval '65 seconds'"; }
    local ra rb
    ra=$(recent nv-a)
    rb=$(recent nv-b)
    echo "split over the last minute: nv-a polled $ra feeds, nv-b $rb, of $((2 * FEEDS))"
    [ "$rb" -ge $((2 * FEEDS / 4)) ] && [ "$ra" -ge $((2 * FEEDS / 4)) ] || fail "the feeds did not split (nv-a $ra, nv-b $rb)"
    java -jar "$JAR" --config "$D/newsvault.yaml" status >"$D/status.out" 2>&1 || true
    grep -q 'nv-a' "$D/status.out" && grep -q 'nv-b' "$D/status.out" || { cat "$D/status.out"; fail "status does not show both nodes"; }
    # SIGKILL nv-a while it holds a feed lease (mid-poll)
    a_holds() { [ "$(q "SELECT COUNT(*) FROM feed_lease WHERE holder = 'nv-a' AND until > now()")" -gt 0 ]; }
    wait_for 120 a_holds || fail "nv-a never held a lease within 120 s"
    local held owned killed_at
    kill -9 "$A"
    killed_at=$(date +%s)
    # a killed holder's lease stays until it runs out: what it held at the kill
    held=$(q "SELECT COUNT(*) FROM feed_lease WHERE holder = 'nv-a' AND until > now()")
    owned=$(q "SELECT feed_id FROM feed_lease WHERE done_by = 'nv-a' OR holder = 'nv-a' ORDER BY feed_id" | tr '\n' ' ')
    echo "killed nv-a holding $held lease(s); its feeds: $owned"
    # nv-b polls every one of them again, after the kill
    local since
    since=$(q "SELECT now()")
    taken() {
        local left
        left=$(q "SELECT COUNT(*) FROM feed_lease WHERE feed_id IN ($(echo $owned | tr ' ' ',')) AND NOT (done_by = 'nv-b' AND done_at > '$since')")
        [ "$left" = 0 ]
    }
    wait_for 180 taken || fail "nv-b did not poll all of nv-a's feeds within 180 s of the kill"
    local took=$(( $(date +%s) - killed_at ))
    echo "takeover: nv-b polled all of nv-a's feeds ${took} s after the kill (feeds are due every minute)"
    kill -TERM "$B"
    wait "$B" 2>/dev/null || true
    HOSTNAME=nv-c java -jar "$JAR" --config "$D/newsvault.yaml" poll >"$D/poll-final.log" 2>&1 || { tail -20 "$D/poll-final.log"; fail "the final poll failed"; }
    java -jar "$JAR" --config "$D/newsvault.yaml" verify --deep >"$D/verify.out" 2>&1 || { cat "$D/verify.out"; fail "verify --deep found problems"; }
    local archived served
    archived=$(sed -n 's/^verify: \([0-9,]*\) articles.*/\1/p' "$D/verify.out" | tr -d ,)
    served=$(http_get /_stats | sed -n 's/.*"servedItems":\([0-9]*\).*/\1/p')
    echo "final: $(cat "$D/verify.out")"
    echo "served $served distinct items, archived $archived articles; $(( $(date +%s) - start )) s"
    [ "$archived" = "$served" ] || fail "archived $archived articles but the outlet served $served items"
    echo "two-nodes: PASS"
}

# run_fixed N: the fixed work by N nodes; prints seconds, feeds per node, page requests
run_fixed() {
    local n=$1 D=$W/bench-$1 t0 names=() i
    outlet 0
    archive "$D"
    config "$D" idle >"$D/newsvault.yaml"
    local want=$((2 * FEEDS * ITEMS))
    for i in $(seq 1 "$n"); do node "$D" "nv-$i"; names+=("$LAST"); done
    # every node up (schema migrated, heartbeat written) before the work appears: the split is the steady one
    all_up() { [ "$(alive)" -ge "$n" ]; }
    wait_for 120 all_up || fail "$n node(s) not all up within 120 s"
    sleep 11 # one heartbeat: each node's view of the live nodes is refreshed at its beat
    t0=$(date +%s%N)
    config "$D" >"$D/newsvault.yaml.new" && mv "$D/newsvault.yaml.new" "$D/newsvault.yaml"
    all_in() { [ "$(articles)" -ge "$want" ]; }
    wait_for 600 all_in || fail "$n node(s) did not archive $want articles within 10 minutes"
    local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    local per=""
    for i in $(seq 1 "$n"); do per="$per nv-$i: $(polled_by "nv-$i") feeds,"; done
    local pages
    pages=$(http_get /_stats | sed -n 's/.*"pageRequests":\([0-9]*\).*/\1/p')
    for p in "${names[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    local dup
    dup=$(q "SELECT COUNT(*) FROM (SELECT url FROM sighting GROUP BY url HAVING COUNT(*) > 1) d")
    echo "$n node(s): $want articles, from the config change that added the feeds, in $((ms / 1000)).$(( (ms % 1000) / 100 )) s;$per page requests $pages, URLs archived twice $dup"
    RESULT_MS=$ms
    RESULT_PAGES=$pages
    [ "$dup" = 0 ] || fail "$n node(s): $dup URLs archived twice"
}

case "$MODE" in
    kill) kill_test ;;
    bench)
        run_fixed 1; one=$RESULT_MS; p1=$RESULT_PAGES
        run_fixed 2; two=$RESULT_MS; p2=$RESULT_PAGES
        echo "2 nodes vs 1: $(awk "BEGIN{printf \"%.2f\", $one/$two}")x the speed (wall time $one ms vs $two ms, 2 cores shared by both nodes, PostgreSQL and the outlet); page requests $p1 vs $p2"
        [ "$p1" = "$p2" ] || fail "the two runs fetched different numbers of pages ($p1 vs $p2): work done twice"
        ;;
    *) echo "usage: bench/two-nodes.sh [kill|bench]" >&2; exit 2 ;;
esac

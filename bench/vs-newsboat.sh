#!/usr/bin/env bash
# Feed-only throughput next to newsboat, on the same static files in the same run: FEEDS full-text RSS
# feeds (default 200) of ITEMS items each (default 50), as the bench outlet writes them (real Chinese article
# bodies in content:encoded), saved once as static files and served from 127.0.0.1 by python3's
# http.server. Then, from fresh throwaway directories, each round times
#   newsboat -x reload        (its own config, urls and cache file; HOME points into the work dir)
#   newsvault poll            (a generated config of FEEDS outlets, one feed each)
# as whole processes (start-up included for both) and prints items/s and the ratio newsvault / newsboat, and
# for each the CPU seconds (user + system) and peak RSS: on a loaded machine the wall time is each tool's share
# of the cores as much as its own cost, while the CPU time is its own.
#
#   mvn -q -o package -DskipTests && bench/vs-newsboat.sh [FEEDS] [ITEMS]
#
# newsboat is installed from Debian (apt-get install -y newsboat) when missing and we are root.
# newsvault polls with per-host politeness off (per-host 64, per-host-gap 0s): every feed is on one
# loopback host and newsboat has no such limit, so the shipped 2 × 250 ms would measure the limit.
# Environment: ROUNDS (default 1; rounds alternate which tool goes first), NEWSBOAT_THREADS (newsboat's
# reload-threads; default: newsboat's own default), TIMEOUT seconds per tool and round (default 600),
# JAR (default target/newsvault.jar; BASE_JAR adds a third tool, e.g. an older build, in the same rounds),
# JAVA_OPTS (JVM options for newsvault, e.g. -XX:TieredStopAtLevel=1), CORPUS, KEEP=1. Only loopback traffic. Exit 0 when newsvault is at least as fast in every round, 3 when
# not, 1 when a run failed, 2 when it cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
FEEDS=${1:-200}
ITEMS=${2:-50}
ROUNDS=${ROUNDS:-1}
TIMEOUT=${TIMEOUT:-600}
CORPUS=${CORPUS:-../shared/corpora/outlets}
JAR=$(realpath "${JAR:-target/newsvault.jar}" 2>/dev/null || echo "${JAR:-target/newsvault.jar}")
BASE_JAR=${BASE_JAR:+$(realpath "$BASE_JAR")}
read -r -a JOPTS <<<"${JAVA_OPTS:-}"
[ -z "$BASE_JAR" ] || [ -f "$BASE_JAR" ] || { echo "vs-newsboat: BASE_JAR $BASE_JAR missing" >&2; exit 2; }
[ -f "$JAR" ] || { echo "vs-newsboat: $JAR missing; build it first: mvn -q -o package -DskipTests" >&2; exit 2; }
command -v python3 >/dev/null || { echo "vs-newsboat: needs python3 (static server, counting newsboat's cache)" >&2; exit 2; }
if ! command -v newsboat >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "vs-newsboat: installing newsboat from Debian" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y newsboat >/dev/null || { echo "vs-newsboat: apt-get install newsboat failed" >&2; exit 2; }
    else
        echo "vs-newsboat: newsboat missing (apt-get install newsboat)" >&2; exit 2
    fi
fi
. bench/http-get.sh

W=$(mktemp -d "${TMPDIR:-/tmp}/newsvault-vs-newsboat.XXXXXX")
OUTLET=
STATIC=
cleanup() {
    [ -n "$OUTLET" ] && kill "$OUTLET" 2>/dev/null || true
    [ -n "$STATIC" ] && kill "$STATIC" 2>/dev/null || true
    if [ "${KEEP:-0}" = 1 ]; then echo "vs-newsboat: work directory kept: $W"; else rm -rf "$W"; fi
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
# Runs "$@" under GNU time when it is there: "user+system seconds" and "peak RSS MB" go to file $1.
timed() {
    local out=$1; shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%U %S %M' -o "$out" "$@"
    else
        echo "0 0 0" >"$out"; "$@"
    fi
}
usage_of() { awk 'END { printf "%.1f %d", $1 + $2, $3 / 1024 }' "$1"; }

# 1. The static files: each feed fetched once from the bench outlet, which is then stopped.
java -jar "$JAR" bench serve --feeds "$FEEDS" --items "$ITEMS" --corpus "$CORPUS" --port-file "$W/outlet.port" \
    >"$W/outlet.log" 2>&1 &
OUTLET=$!
for _ in $(seq 1 300); do [ -s "$W/outlet.port" ] && break; sleep 0.1; done
[ -s "$W/outlet.port" ] || { cat "$W/outlet.log"; echo "vs-newsboat: the bench outlet did not start" >&2; exit 2; }
PORT=$(cat "$W/outlet.port")
OLD_BASE="http://127.0.0.1:$PORT"
mkdir -p "$W/www/v/full"
for ((f = 0; f < FEEDS; f++)); do http_get "/v/full/$f.xml" >"$W/www/v/full/$f.xml"; done
kill "$OUTLET"; wait "$OUTLET" 2>/dev/null || true; OUTLET=

PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
# Item links point at the static server (they are never fetched: the feeds carry the full text).
find "$W/www" -name '*.xml' -exec sed -i "s#$OLD_BASE#$BASE#g" {} +
bytes=$(du -sb "$W/www" | cut -f1)
(cd "$W/www" && exec python3 -m http.server "$PORT" --bind 127.0.0.1) >"$W/static.log" 2>&1 &
STATIC=$!
for _ in $(seq 1 100); do http_get /v/full/0.xml >/dev/null 2>&1 && break; sleep 0.1; done
http_get /v/full/0.xml >/dev/null || { cat "$W/static.log"; echo "vs-newsboat: the static server did not start" >&2; exit 2; }
echo "vs-newsboat: $FEEDS feeds x $ITEMS full-text items ($((bytes / 1024 / 1024)) MB of RSS) on $BASE;" \
    "$(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); newsboat $(newsboat -v | head -1 | cut -d' ' -f2)"

run_newsboat() { # $1 round dir; prints "items seconds"
    local d=$1/newsboat t0 t1
    mkdir -p "$d/home"
    : >"$d/config"
    [ -n "${NEWSBOAT_THREADS:-}" ] && echo "reload-threads $NEWSBOAT_THREADS" >>"$d/config"
    for ((f = 0; f < FEEDS; f++)); do echo "$BASE/v/full/$f.xml"; done >"$d/urls"
    t0=$(now)
    HOME="$d/home" XDG_CONFIG_HOME="$d/home/.config" XDG_DATA_HOME="$d/home/.local/share" \
        timed "$d/usage" timeout "$TIMEOUT" newsboat -C "$d/config" -u "$d/urls" -c "$d/cache.db" -x reload >"$d/log" 2>&1 \
        || { tail -5 "$d/log" >&2; echo "vs-newsboat: newsboat failed or took over $TIMEOUT s" >&2; return 1; }
    t1=$(now)
    local n
    n=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from rss_item").fetchone()[0])' "$d/cache.db")
    echo "$n $(echo "$t1 - $t0" | bc -l) $(usage_of "$d/usage")"
}

run_newsvault() { # $1 round dir [$2 jar, $3 name]; prints "items seconds cpu-seconds rss-MB"
    local d=$1/${3:-newsvault} jar=${2:-$JAR} t0 t1
    mkdir -p "$d"
    {
        echo "data: $d/data"
        echo "archive: $d/archive"
        echo "http: {per-host: 64, per-host-gap: 0s}"
        echo "outlets:"
        for ((f = 0; f < FEEDS; f++)); do
            echo "  - id: v-$f"
            echo "    feeds: [$BASE/v/full/$f.xml]"
        done
    } >"$d/newsvault.yaml"
    t0=$(now)
    timed "$d/usage" timeout "$TIMEOUT" java "${JOPTS[@]}" -jar "$jar" --config "$d/newsvault.yaml" poll >"$d/log" 2>&1 \
        || { tail -5 "$d/log" >&2; echo "vs-newsboat: newsvault poll failed or took over $TIMEOUT s" >&2; return 1; }
    t1=$(now)
    echo "$(find "$d/archive" -type f -name '*.md' | wc -l) $(echo "$t1 - $t0" | bc -l) $(usage_of "$d/usage")"
}

run_base() { run_newsvault "$1" "$BASE_JAR" base; }

command -v bc >/dev/null || { echo "vs-newsboat: needs bc" >&2; exit 2; }
status=0
expected=$((FEEDS * ITEMS))
for ((r = 1; r <= ROUNDS; r++)); do
    rd="$W/round-$r"
    mkdir -p "$rd"
    order=(newsboat newsvault ${BASE_JAR:+base})
    [ $((r % 2)) = 0 ] && order=(${BASE_JAR:+base} newsvault newsboat)
    for tool in "${order[@]}"; do
        res=$(run_"$tool" "$rd") || exit 1
        read -r n s cpu rss <<<"$res"
        [ "$n" = "$expected" ] || echo "vs-newsboat: WARNING: $tool stored $n items, expected $expected" >&2
        printf '  round %d %-9s %6d items in %6.2f s = %7.0f items/s; CPU %6.1f s (%5.2f ms/item), peak RSS %5d MB, load %s\n' \
            "$r" "$tool" "$n" "$s" "$(echo "$n / $s" | bc -l)" "$cpu" "$(echo "$cpu * 1000 / $n" | bc -l)" "$rss" \
            "$(cut -d' ' -f1 /proc/loadavg)"
        eval "${tool}_n=$n ${tool}_s=$s"
    done
    # The static server logs every request: the full-text items need no page, so only feeds were asked for.
    pages=$(grep -c '"GET [^ ]*\.html' "$W/static.log" || true)
    [ "$pages" = 0 ] || echo "vs-newsboat: WARNING: $pages page requests (expected none)" >&2
    ratio=$(echo "($newsvault_n / $newsvault_s) / ($newsboat_n / $newsboat_s)" | bc -l)
    ok=$(echo "$ratio >= 1.0" | bc -l)
    printf 'round %d: newsvault / newsboat = %.2fx (target >= 1.0x) [%s]\n' "$r" "$ratio" "$([ "$ok" = 1 ] && echo ok || echo MISS)"
    if [ -n "$BASE_JAR" ]; then
        printf 'round %d: base / newsboat = %.2fx, newsvault / base = %.2fx\n' "$r" \
            "$(echo "($base_n / $base_s) / ($newsboat_n / $newsboat_s)" | bc -l)" \
            "$(echo "($newsvault_n / $newsvault_s) / ($base_n / $base_s)" | bc -l)"
    fi
    [ "$ok" = 1 ] || status=3
    rm -rf "$rd"
done
exit $status

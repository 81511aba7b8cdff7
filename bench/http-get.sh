# Sourced by the bench scripts: http_get PATH fetches http://127.0.0.1:$PORT/PATH and prints the body.
# curl when installed; otherwise bash's own /dev/tcp, so that a bare machine (CI) needs nothing more.
http_get() {
    if command -v curl >/dev/null; then
        curl -fsS "http://127.0.0.1:$PORT$1"
        return
    fi
    local reply
    exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$1" >&3
    reply=$(cat <&3)
    exec 3<&-
    case "${reply%%$'\r'*}" in
        "HTTP/1."?" 200"*) printf '%s\n' "${reply#*$'\r\n\r\n'}" ;;
        *) echo "http_get $1: ${reply%%$'\r'*}" >&2; return 1 ;;
    esac
}

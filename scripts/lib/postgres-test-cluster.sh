# A throw-away PostgreSQL cluster on 127.0.0.1 for tests and benchmarks. Sourced by scripts/test and
# scripts/bench-cpms-ingest; run directly it starts a cluster, prints its URL and waits until interrupted.
#
#   start_postgres_test_cluster [fsync]   starts a cluster on a free port, exports CPMS_TEST_POSTGRES_URL
#                                         (postgres://postgres@127.0.0.1:PORT/cpms_test); "fsync" keeps
#                                         fsync on (benchmarks), the default turns it off (tests)
#   stop_postgres_test_cluster            stops it and removes its directory (safe to call twice)
#
# initdb refuses to run as root, so the cluster runs as the user postgres (from Debian's postgresql package,
# installed when missing) and its directory belongs to that user.

POSTGRES_TEST_CLUSTER_DIR=""

postgres_bin_dir() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    return 1
}

# Runs a command as the user postgres (or as ourselves when we are not root).
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_tcp_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_postgres_test_cluster() {
    local durability="${1:-nofsync}"
    if ! postgres_bin_dir >/dev/null; then
        # shellcheck source=system-packages.sh
        source "$(dirname "${BASH_SOURCE[0]}")/system-packages.sh"
        ensure_system_packages postgresql
    fi
    local bin port fsync_option=""
    bin="$(postgres_bin_dir)" || { echo "error: no PostgreSQL server binaries (initdb) found" >&2; return 1; }
    port="$(free_tcp_port)"
    POSTGRES_TEST_CLUSTER_DIR="$(mktemp -d /tmp/cpms-postgres.XXXXXX)"
    mkdir -p "$POSTGRES_TEST_CLUSTER_DIR/data" "$POSTGRES_TEST_CLUSTER_DIR/socket"
    [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$POSTGRES_TEST_CLUSTER_DIR"
    [ "$durability" = fsync ] || fsync_option="-c fsync=off"
    as_postgres "$bin/initdb" -D "$POSTGRES_TEST_CLUSTER_DIR/data" -U postgres --auth=trust --no-sync >/dev/null \
        || { echo "error: initdb failed" >&2; return 1; }
    as_postgres "$bin/pg_ctl" -D "$POSTGRES_TEST_CLUSTER_DIR/data" -l "$POSTGRES_TEST_CLUSTER_DIR/postgres.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $POSTGRES_TEST_CLUSTER_DIR/socket $fsync_option -c max_connections=200" \
        start >/dev/null \
        || { echo "error: PostgreSQL did not start; log:" >&2; cat "$POSTGRES_TEST_CLUSTER_DIR/postgres.log" >&2; return 1; }
    as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres cpms_test \
        || { echo "error: createdb failed" >&2; return 1; }
    export CPMS_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/cpms_test"
    echo "==> PostgreSQL test cluster at $CPMS_TEST_POSTGRES_URL"
}

stop_postgres_test_cluster() {
    [ -n "$POSTGRES_TEST_CLUSTER_DIR" ] || return 0
    local bin
    if bin="$(postgres_bin_dir)" && [ -d "$POSTGRES_TEST_CLUSTER_DIR/data" ]; then
        as_postgres "$bin/pg_ctl" -D "$POSTGRES_TEST_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$POSTGRES_TEST_CLUSTER_DIR"
    POSTGRES_TEST_CLUSTER_DIR=""
    unset CPMS_TEST_POSTGRES_URL
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    sleeper=""
    trap 'stop_postgres_test_cluster; if [ -n "$sleeper" ]; then kill "$sleeper" 2>/dev/null || true; fi' EXIT
    trap 'exit 130' INT TERM
    start_postgres_test_cluster "${1:-nofsync}"
    echo "CPMS_TEST_POSTGRES_URL=$CPMS_TEST_POSTGRES_URL"
    echo "(Ctrl-C stops the cluster)"
    while true; do
        sleep 3600 &
        sleeper=$!
        wait "$sleeper"
    done
fi

#!/usr/bin/env bash
# regression-check.sh: migrates PostgreSQL's own regression database with pgmigrate and with
# pg_dump -Fc | pg_restore, and prints for each the exit code, the wall time, the number of lines
# by which `pg_dump -s` of the target differs from the source's, and the tables whose rows differ.
#
# Not part of CI: it installs Debian packages, fetches PostgreSQL's source package (for the
# regression SQL files and regress.c) and runs servers of its own. See fidelity/README.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly SCRIPT_DIR REPO_DIR

WORK_DIR=/var/tmp/pgmigrate-fidelity
SOURCE_MAJOR=15
TARGET_MAJOR=15
JAR="$REPO_DIR/pgmigrate-cli/target/pgmigrate.jar"
REBUILD_JAR=no
REBUILD_SOURCE_DB=no
ADJUST=yes
ADJUSTED=''
KEEP_RUNNING=no
RUN_PGMIGRATE=yes
RUN_PG_DUMP=yes
PGMIGRATE_ARGS=()

# The suites of deb.debian.org whose source packages we may build from; deb-src only, so nothing
# of another suite is ever installed as a binary.
readonly SOURCE_SUITES="bookworm bookworm-updates bullseye trixie sid"
readonly APT_SOURCES_FILE=/etc/apt/sources.list.d/pgmigrate-fidelity-src.sources
readonly SUPERUSER=postgres   # bootstrap superuser of every cluster, and the OS user running them

usage() {
    cat <<EOF
Usage: fidelity/regression-check.sh [options]

Builds PostgreSQL's regression database on a source server, migrates it with pgmigrate and with
pg_dump -Fc | pg_restore into two fresh target servers, and compares each target with the source.
Run as root on Debian (bookworm); it installs what it needs. Safe to run again: the source
cluster and its regression database are kept and reused, the targets are made anew.

Options:
  --source-major N     major version of the source server (default 15)
  --target-major N     major version of the target servers and of pg_dump (default 15; >= source)
                       A major other than Debian's packaged one (15 on bookworm) is built from
                       Debian's source package of another suite (13: bullseye, 17: trixie,
                       18: sid) into the work directory.
  --work-dir DIR       where clusters, builds, logs and diffs go (default $WORK_DIR)
  --jar FILE           the pgmigrate command-line jar (default pgmigrate-cli/target/pgmigrate.jar,
                       built with Maven when missing)
  --rebuild-jar        build the jar with Maven even when it exists
  --rebuild-source     drop the source cluster and run the regression suite again
  --no-adjust          across majors, keep in the source what the target major cannot hold
                       (by default dropped as pg_upgrade's cross-version test does: postfix
                       operators into 14+, generated columns of plain parents' children into 16+;
                       for good: --rebuild-source brings them back)
  --only pgmigrate|pg_dump
                       migrate with one tool only
  --pgmigrate-arg ARG  pass ARG to 'pgmigrate migrate' (repeatable; default: no options)
  --keep-running       leave the clusters running at the end (their ports are printed)
  --help               print this help and exit

Output: a summary per tool, and the paths of the run directory (logs, dumps, diffs, row digests).
EOF
}

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }

parse_args() {
    while (($#)); do
        case "$1" in
            --source-major) SOURCE_MAJOR="$2"; shift 2 ;;
            --target-major) TARGET_MAJOR="$2"; shift 2 ;;
            --work-dir) WORK_DIR="$2"; shift 2 ;;
            --jar) JAR="$2"; shift 2 ;;
            --rebuild-jar) REBUILD_JAR=yes; shift ;;
            --rebuild-source) REBUILD_SOURCE_DB=yes; shift ;;
            --no-adjust) ADJUST=no; shift ;;
            --only)
                case "$2" in
                    pgmigrate) RUN_PG_DUMP=no ;;
                    pg_dump) RUN_PGMIGRATE=no ;;
                    *) die "--only takes pgmigrate or pg_dump, not '$2'" ;;
                esac
                shift 2 ;;
            --pgmigrate-arg) PGMIGRATE_ARGS+=("$2"); shift 2 ;;
            --keep-running) KEEP_RUNNING=yes; shift ;;
            --help|-h) usage; exit 0 ;;
            *) usage >&2; die "unknown option '$1'" ;;
        esac
    done
    [[ "$SOURCE_MAJOR" =~ ^[0-9]+$ && "$TARGET_MAJOR" =~ ^[0-9]+$ ]] \
        || die "--source-major and --target-major take a major version number, e.g. 15"
    ((TARGET_MAJOR >= SOURCE_MAJOR)) \
        || die "the target major ($TARGET_MAJOR) must not be older than the source's ($SOURCE_MAJOR)"
    WORK_DIR="$(realpath -m "$WORK_DIR")"
}

# ---------------------------------------------------------------------------------------------
# Packages and PostgreSQL builds
# ---------------------------------------------------------------------------------------------

# Debian's major on this release (15 on bookworm): the one whose binaries apt can install.
debian_major() {
    apt-cache policy postgresql 2>/dev/null | awk '/Candidate:/ { split($2, v, "+"); print v[1] }'
}

apt_install_missing() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

# The newest version of postgresql-MAJOR whose source package the mirror serves and whose
# binaries apt can install. Server, pg_regress and the regression SQL files must be of one minor
# release: psql's COPY handling, for one, changes between minors (15.20's psql fails 15.18's copy
# tests). The security mirror serves no source packages, so this can be older than the newest.
debian_source_version() {
    local major="$1"
    comm -12 <(apt-cache showsrc "postgresql-$major" 2>/dev/null | awk '/^Version:/ { print $2 }' | sort -u) \
             <(apt-cache madison "postgresql-$major" 2>/dev/null | awk '{ print $3 }' | sort -u) \
        | sort -V | tail -1
}

# Installs PKG=VERSION for each package, downgrading when a newer one is installed.
apt_install_version() {
    local version="$1" pkg wanted=(); shift
    for pkg in "$@"; do
        [[ "$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null || true)" == "$version" ]] || wanted+=("$pkg=$version")
    done
    ((${#wanted[@]} == 0)) && return
    log "installing ${wanted[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends --allow-downgrades "${wanted[@]}" >&2
}

# deb-src entries beside the existing sources: `apt-get source` needs them, for this release
# (the regression SQL files and regress.c) and for other suites (other majors).
ensure_source_entries() {
    if [[ ! -f "$APT_SOURCES_FILE" ]]; then
        log "adding deb-src entries ($APT_SOURCES_FILE)"
        cat >"$APT_SOURCES_FILE" <<EOF
# Added by pgmigrate's fidelity/regression-check.sh: source packages only, for PostgreSQL's
# regression suite and for building other majors. Safe to delete.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $SOURCE_SUITES
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
        apt-get update -q >&2
    fi
}

install_base_packages() {
    [[ $(id -u) == 0 ]] || die "run as root: it installs packages and runs servers as user $SUPERUSER"
    if [[ -z "$(debian_major)" ]]; then apt-get update -q >&2; fi
    ensure_source_entries
    DEBIAN_MAJOR="$(debian_major)"
    DEBIAN_VERSION="$(debian_source_version "$DEBIAN_MAJOR")"
    [[ -n "$DEBIAN_VERSION" ]] || die "no version of postgresql-$DEBIAN_MAJOR has both binaries and a source package on the mirror (apt-cache showsrc/madison postgresql-$DEBIAN_MAJOR)"
    apt_install_version "$DEBIAN_VERSION" "postgresql-$DEBIAN_MAJOR" "postgresql-client-$DEBIAN_MAJOR" \
        "postgresql-server-dev-$DEBIAN_MAJOR"
    # dpkg-dev unpacks source packages; gcc/make build regress.so and other majors; zlib1g-dev
    # gives those majors' pg_dump its compression.
    local java_tools=()
    command -v java >/dev/null || java_tools+=(openjdk-17-jdk-headless)
    command -v mvn >/dev/null || java_tools+=(maven)
    apt_install_missing dpkg-dev gcc make zlib1g-dev "${java_tools[@]}"
}

# Unpacks the newest source package of postgresql-MAJOR the mirror serves (Debian's patches
# left out: upstream's tree is what we build and test) and prints its directory.
fetch_source() {
    local major="$1" dir="$WORK_DIR/src/pg$1"
    if [[ ! -f "$dir/src/test/regress/parallel_schedule" ]]; then
        mkdir -p "$WORK_DIR/src"
        log "fetching the source package of postgresql-$major"
        local spec="postgresql-$major"
        [[ "$major" == "$DEBIAN_MAJOR" ]] && spec+="=$DEBIAN_VERSION"
        (cd "$WORK_DIR/src" && apt-get source -q --download-only "$spec" >&2) \
            || die "no source package postgresql-$major on the mirror (apt-cache showsrc postgresql-$major)"
        local dsc; dsc="$(ls "$WORK_DIR/src/postgresql-${major}_"*.dsc | sort -V | tail -1)"
        [[ "$major" == "$DEBIAN_MAJOR" ]] && dsc="$WORK_DIR/src/postgresql-${major}_$DEBIAN_VERSION.dsc"
        rm -rf "$dir"
        dpkg-source --skip-patches -x "$dsc" "$dir" >&2
    fi
    printf '%s\n' "$dir"
}

# Sets, for MAJOR: BIN_DIR (server and client programs), PG_REGRESS, REGRESS_INPUT (the
# regression suite's source directory) and DL_PATH (regress.so, autoinc.so, refint.so).
prepare_major() {
    local major="$1" src
    src="$(fetch_source "$major")"
    REGRESS_INPUT="$src/src/test/regress"
    if [[ "$major" == "$DEBIAN_MAJOR" ]]; then
        prepare_debian_major "$major"
    else
        build_major_from_source "$major" "$src"
    fi
}

# Debian's packaged major: its binaries, pg_regress from postgresql-server-dev, and regress.so
# built with PGXS from the source package's regress.c.
prepare_debian_major() {
    local major="$1"
    BIN_DIR="/usr/lib/postgresql/$major/bin"
    # One build per minor release: a module built against another minor's headers may not load
    # (15.20's headers make DatumGetHeapTupleHeader a function that 15.18's server lacks).
    local build
    build="$WORK_DIR/build/regress-$("$BIN_DIR/pg_config" --version | awk '{ print $2 }')"
    PG_REGRESS="/usr/lib/postgresql/$major/lib/pgxs/src/test/regress/pg_regress"
    DL_PATH="$build"
    if [[ ! -f "$build/regress.so" ]]; then
        log "building regress.so for PostgreSQL $major with PGXS"
        mkdir -p "$build"
        cp "$REGRESS_INPUT/regress.c" "$build/"
        cat >"$build/Makefile" <<EOF
MODULES = regress
PG_CONFIG = $BIN_DIR/pg_config
PGXS := \$(shell \$(PG_CONFIG) --pgxs)
include \$(PGXS)
EOF
        # with_llvm=no: no JIT bitcode, so clang is not needed
        make -C "$build" with_llvm=no >"$build/make.log" 2>&1 || die "building regress.so failed: $build/make.log"
        # The triggers and rules tests load contrib/spi's modules from the same directory.
        local pkglib; pkglib="$("$BIN_DIR/pg_config" --pkglibdir)"
        ln -sf "$pkglib/autoinc.so" "$pkglib/refint.so" "$build/"
    fi
}

# Another major: configure and make the upstream tree of Debian's source package (server,
# clients, pg_regress, regress.so and contrib/spi) and install it under the work directory.
build_major_from_source() {
    local major="$1" src="$2" prefix="$WORK_DIR/install/pg$1"
    BIN_DIR="$prefix/bin"
    PG_REGRESS="$src/src/test/regress/pg_regress"
    DL_PATH="$src/src/test/regress"
    if [[ ! -f "$prefix/.built" ]]; then
        # 18's tarball no longer ships the generated parsers: bison and flex make them.
        apt_install_missing bison flex
        log "building PostgreSQL $major from source ($src; make -j2 takes 10 to 20 minutes)"
        local logf="$WORK_DIR/src/build-pg$major.log"
        (
            cd "$src"
            # No ICU, readline: not needed for the check, and keeps the build dependencies to
            # gcc, make and zlib.
            [[ -f config.status ]] || ./configure --prefix="$prefix" --without-icu --without-readline
            make -j2
            make install
            make -C src/test/regress   # pg_regress, regress.so (and before 17 autoinc.so, refint.so)
            # autoinc.so and refint.so in $libdir: an older source's triggers test made C functions
            # of them, and 17+ no longer build them for the regression suite.
            make -C contrib/spi install
        ) >"$logf" 2>&1 || die "building PostgreSQL $major failed: $logf"
        touch "$prefix/.built"
    fi
}

ensure_jar() {
    if [[ "$REBUILD_JAR" == yes || ! -f "$JAR" ]]; then
        log "building $JAR with Maven"
        (cd "$REPO_DIR" && mvn -B -ntp -q -pl pgmigrate-cli -am package -DskipTests) >&2
    fi
    [[ -f "$JAR" ]] || die "no pgmigrate jar at $JAR"
}

# ---------------------------------------------------------------------------------------------
# Clusters
# ---------------------------------------------------------------------------------------------

declare -A CLUSTER_PORT=()   # data directory -> port, for the clusters this run started or found
STARTED_CLUSTERS=()

as_postgres() { runuser -u "$SUPERUSER" -- "$@"; }

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
    local port=55432
    while ! port_is_free "$port" || [[ " ${CLUSTER_PORT[*]} " == *" $port "* ]]; do
        port=$((port + 1))
    done
    printf '%s\n' "$port"
}

# A cluster in DATA_DIR of the server in BIN_DIR, running, its port in CLUSTER_PORT. Settings are
# those pg_regress gives its own temporary instance (make check), plus what the check needs.
ensure_cluster() {
    local data="$1" bin="$2"
    if [[ ! -f "$data/PG_VERSION" ]]; then
        log "initdb $data"
        mkdir -p "$data" "$WORK_DIR/sockets"
        chown "$SUPERUSER:" "$data" "$WORK_DIR/sockets"
        as_postgres "$bin/initdb" -D "$data" -U "$SUPERUSER" -A trust -E UTF8 --locale=C >"$data.initdb.log" 2>&1 \
            || die "initdb failed: $data.initdb.log"
        cat >>"$data/postgresql.conf" <<EOF
# regression-check.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK_DIR/sockets'
max_prepared_transactions = 2      # the prepared_xacts test, as make check sets it
max_locks_per_transaction = 256    # pg_dump and pgmigrate lock every table of the database at once
fsync = off                        # throw-away clusters: speed over durability
synchronous_commit = off
full_page_writes = off
log_line_prefix = '%m [%p] %q%d '
EOF
    fi
    local pid_file="$data/postmaster.pid"
    if [[ -f "$pid_file" ]] && kill -0 "$(head -1 "$pid_file")" 2>/dev/null; then
        CLUSTER_PORT[$data]="$(sed -n 4p "$pid_file")"
        return
    fi
    local port; port="$(free_port)"
    CLUSTER_PORT[$data]="$port"
    as_postgres "$bin/pg_ctl" -D "$data" -l "$data.log" -o "-p $port" -w -t 120 start >/dev/null \
        || die "the server in $data did not start: $data.log"
    STARTED_CLUSTERS+=("$data|$bin")
    log "started $data on port $port"
}

stop_cluster() {
    local data="$1" bin="$2"
    as_postgres "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

stop_started_clusters() {
    [[ "$KEEP_RUNNING" == yes ]] && return
    local entry
    for entry in "${STARTED_CLUSTERS[@]}"; do stop_cluster "${entry%%|*}" "${entry#*|}"; done
}

# A target cluster is made anew for every run: nothing of an earlier run (roles, databases) stays.
fresh_cluster() {
    local data="$1" bin="$2"
    if [[ -f "$data/PG_VERSION" ]]; then stop_cluster "$data" "$bin"; fi
    rm -rf "$data" "$data.log" "$data.initdb.log"
    ensure_cluster "$data" "$bin"
}

psql_at() {   # psql_at PORT DB [psql args...]: unaligned, tuples only, stop at the first error
    local port="$1" db="$2"; shift 2
    "$TOOLS_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$SUPERUSER" -d "$db" "$@"
}

# ---------------------------------------------------------------------------------------------
# The regression database
# ---------------------------------------------------------------------------------------------

# Creates the database as pg_regress would (create_database() in pg_regress.c), then runs the
# parallel schedule into it with --use-existing, as `make installcheck` does (--max-connections=1).
# Failing tests are fine: what matters is the database they leave behind.
build_regression_database() {
    local data="$1" port="$2"
    # Made again when the server's minor release changes: regress.so is built per minor release.
    local stamp; stamp="$1.regression-built-$(psql_at "$port" postgres -c 'SHOW server_version' | awk '{ print $1 }')"
    REGRESSION_STAMP="$stamp"
    if [[ -f "$stamp" ]] && [[ "$(psql_at "$port" postgres -c "SELECT count(*) FROM pg_database WHERE datname = 'regression'")" == 1 ]]; then
        log "reusing the regression database of $data ($(cat "$stamp"))"
        return
    fi
    local out="$WORK_DIR/regress-pg$SOURCE_MAJOR"
    # 13 writes the tests made from input/*.source into sql/ and expected/ of the output
    # directory, and tablespace.source uses testtablespace/.
    rm -rf "$out"; mkdir -p "$out/sql" "$out/expected" "$out/testtablespace"
    chown -R "$SUPERUSER:" "$out"
    psql_at "$port" postgres <<'EOF'
DROP DATABASE IF EXISTS regression;
CREATE DATABASE regression TEMPLATE=template0;
ALTER DATABASE regression SET lc_messages TO 'C';
ALTER DATABASE regression SET lc_monetary TO 'C';
ALTER DATABASE regression SET lc_numeric TO 'C';
ALTER DATABASE regression SET lc_time TO 'C';
ALTER DATABASE regression SET bytea_output TO 'hex';
ALTER DATABASE regression SET timezone_abbreviations TO 'Default';
EOF
    log "running the regression suite on PostgreSQL $SOURCE_MAJOR (log: $out/pg_regress.log)"
    local rc=0
    (cd "$out" && as_postgres "$PG_REGRESS" --use-existing --dbname=regression \
        --inputdir="$REGRESS_INPUT" --outputdir="$out" --bindir="$SOURCE_BIN" --dlpath="$DL_PATH" \
        --host=127.0.0.1 --port="$port" --user="$SUPERUSER" \
        --max-concurrent-tests=20 --max-connections=1 --schedule="$REGRESS_INPUT/parallel_schedule") \
        >"$out/pg_regress.log" 2>&1 || rc=$?
    # pg_regress ends with "All N tests passed." or "N of M tests failed."; without it, it
    # stopped before running the schedule and the database is not the regression database.
    local summary; summary="$(grep -E 'tests (passed|failed)|All [0-9]+ tests' "$out/pg_regress.log" | tail -1 | tr -s ' ' || true)"
    [[ -n "$summary" ]] || die "pg_regress did not run the schedule (exit code $rc): $out/pg_regress.log"
    log "pg_regress exit code $rc: $summary"
    [[ "$(psql_at "$port" postgres -c "SELECT count(*) FROM pg_database WHERE datname = 'regression'")" == 1 ]] \
        || die "the regression suite left no regression database: $out/pg_regress.log"
    printf 'pg_regress exit code %s, %s, %(%Y-%m-%d %H:%M)T\n' "$rc" "$summary" -1 >"$stamp"
}

# The suite creates its C functions with absolute paths into the source major's build
# (probin '/.../regress.so'); a target of another major cannot load that file ("incompatible
# library ... version mismatch"). As pg_upgrade's cross-version test does, point them at
# '$libdir/regress.so' and put each major's own regress.so, autoinc.so and refint.so into its
# $libdir: every server then loads the module built for it.
make_library_paths_portable() {
    local port="$1"
    psql_at "$port" regression -v dl_path="$SOURCE_DL_PATH" <<'EOF'
UPDATE pg_catalog.pg_proc
SET probin = '$libdir/' || regexp_replace(probin, '^.*/', '')
WHERE starts_with(probin, :'dl_path' || '/');
EOF
}

install_regress_modules() {
    local bin="$1" dl_path="$2" pkglib module
    pkglib="$("$bin/pg_config" --pkglibdir)"
    for module in regress autoinc refint; do
        [[ -f "$dl_path/$module.so" ]] || continue   # 17+: contrib/spi installed them already
        if ! cmp -s "$dl_path/$module.so" "$pkglib/$module.so"; then
            log "installing $module.so into $pkglib"
            install -m 0755 "$dl_path/$module.so" "$pkglib/$module.so"
        fi
    done
}

# What no server of the target's major can hold, dropped from the source as pg_upgrade's
# cross-version test does (adjust_database_contents in AdjustUpgrade.pm): postfix operators are
# gone from 14 on; from 16 on an inheritance child cannot have a generated column whose parent's
# is not. Without this, both tools fail on them (pg_restore: 4 + 6 errors into 18); --no-adjust
# keeps them, to see how a tool reports what it cannot create.
adjust_for_target_major() {
    local port="$1" statements=()
    if ((SOURCE_MAJOR < 14 && TARGET_MAJOR >= 14)); then
        statements+=('DROP OPERATOR IF EXISTS #@# (bigint, NONE)' 'DROP OPERATOR IF EXISTS #%# (bigint, NONE)'
                     'DROP OPERATOR IF EXISTS !=- (bigint, NONE)' 'DROP OPERATOR IF EXISTS #@%# (bigint, NONE)')
    fi
    if ((SOURCE_MAJOR < 16 && TARGET_MAJOR >= 16)); then
        statements+=('DROP TABLE IF EXISTS public.gtest_normal_child, public.gtest_normal_child2')
    fi
    ((${#statements[@]})) || return 0
    if [[ "$ADJUST" == no ]]; then
        log "--no-adjust: the source keeps what $TARGET_MAJOR cannot hold (postfix operators, generated columns of plain parents' children)"
        return
    fi
    ADJUSTED="$(IFS=';'; echo "${statements[*]}")"
    log "adjusting the source for $TARGET_MAJOR as pg_upgrade's test does: $ADJUSTED"
    printf '%s;\n' 'SET client_min_messages = warning' "${statements[@]}" | psql_at "$port" regression
}

# ---------------------------------------------------------------------------------------------
# The migrations
# ---------------------------------------------------------------------------------------------

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

url() { printf 'postgresql://%s@127.0.0.1:%s/%s\n' "$SUPERUSER" "$1" "$2"; }

# pgmigrate's command line, default options, into an empty database; it copies roles itself.
migrate_with_pgmigrate() {
    local src_port="$1" tgt_port="$2" out="$RUN_DIR/pgmigrate"
    mkdir -p "$out"
    "$TOOLS_BIN/createdb" -h 127.0.0.1 -p "$tgt_port" -U "$SUPERUSER" -T template0 regression
    log "pgmigrate migrate (output: $out/output.log)"
    local start rc=0; start="$(now)"
    java -jar "$JAR" migrate --source "$(url "$src_port" regression)" --target "$(url "$tgt_port" regression)" \
        --report "$out/report.json" "${PGMIGRATE_ARGS[@]}" >"$out/output.log" 2>&1 </dev/null || rc=$?
    RESULT_EXIT[pgmigrate]="$rc"
    RESULT_TIME[pgmigrate]="$(elapsed "$start" "$(now)")"
    # The progress lines say "warning <kind>: ..." once per warning; the error is the first line
    # starting "pgmigrate: ".
    RESULT_NOTE[pgmigrate]="$(grep -cE '^\[ *[0-9.]+ m?s\] warning ' "$out/output.log" || true) warnings"
    local error; error="$(grep -m1 '^pgmigrate: ' "$out/output.log" | cut -c1-300 || true)"
    [[ -z "$error" ]] || RESULT_NOTE[pgmigrate]+="; ${error}"
}

# What pg_dump's users do: roles first (pg_dumpall --roles-only), then pg_dump -Fc | pg_restore.
# pg_restore goes on past errors and exits 1 at the end; its errors are counted.
migrate_with_pg_dump() {
    local src_port="$1" tgt_port="$2" out="$RUN_DIR/pg_dump"
    mkdir -p "$out"
    log "pg_dumpall --roles-only, pg_dump -Fc | pg_restore --create (logs: $out)"
    local start rc_roles=0; start="$(now)"
    "$TOOLS_BIN/pg_dumpall" --roles-only -h 127.0.0.1 -p "$src_port" -U "$SUPERUSER" 2>"$out/pg_dumpall.err" \
        | "$TOOLS_BIN/psql" -X -h 127.0.0.1 -p "$tgt_port" -U "$SUPERUSER" -d postgres >"$out/roles.log" 2>&1 \
        || rc_roles=$?
    set +e +o pipefail   # both exit codes are wanted, and pg_restore's 1 must not end the script
    "$TOOLS_BIN/pg_dump" -Fc -h 127.0.0.1 -p "$src_port" -U "$SUPERUSER" -d regression 2>"$out/pg_dump.err" \
        | "$TOOLS_BIN/pg_restore" --create -h 127.0.0.1 -p "$tgt_port" -U "$SUPERUSER" -d postgres >"$out/pg_restore.log" 2>&1
    local statuses=("${PIPESTATUS[@]}")
    set -e -o pipefail
    RESULT_EXIT[pg_dump]="${statuses[0]}/${statuses[1]}"
    RESULT_TIME[pg_dump]="$(elapsed "$start" "$(now)")"
    local role_errors restore_errors
    role_errors="$(grep -c 'ERROR:' "$out/roles.log" || true)"
    restore_errors="$(grep -c '^pg_restore: error:' "$out/pg_restore.log" || true)"
    RESULT_NOTE[pg_dump]="pg_restore errors: $restore_errors; role script errors: $role_errors (psql exit $rc_roles)"
}

# ---------------------------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------------------------

# pg_dump -s of a database with the target major's pg_dump (it reads older servers too). Left out
# before the diff: the random key of \restrict/\unrestrict (pg_dump 13.22, 15.14, 17.6 and later
# write a new one each time) and the server version in the header (differs across majors).
dump_schema() {
    local port="$1" file="$2"
    "$TOOLS_BIN/pg_dump" -s -h 127.0.0.1 -p "$port" -U "$SUPERUSER" -d regression 2>"$file.err" \
        | grep -vE '^(\\(un)?restrict [A-Za-z0-9]+$|-- Dumped from database version )' >"$file"
}

# Lines of the unified diff that are changes (+ or -), the file headers left out.
changed_lines() {
    grep -E '^[-+]' "$1" | grep -cvE '^(\+\+\+|---) ' || true
}

# Per table: kind, row count and md5 of its rows sorted, or why they could not be read. A row is
# its jsonb (to_jsonb), so column order does not matter (pg_dump reorders inheritance children's
# columns; that is a schema difference, counted by the diff, not a row difference). ONLY: an
# inheritance parent's own rows, its children are compared on their own. The function is
# temporary, in the session's pg_temp: nothing of it stays in the database. A relation's key is
# schema.name, each part in JSON quotes unless it is lower case letters, digits and underscores:
# quote_ident would differ between majors (json became a keyword that needs quotes).
ROW_DIGEST_SQL=$(cat <<'EOF'
CREATE FUNCTION pg_temp.row_digests(OUT tbl text, OUT kind text, OUT n bigint, OUT digest text)
RETURNS SETOF record LANGUAGE plpgsql AS $fn$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT format('%I.%I', n.nspname, c.relname) AS name, c.relkind,
               CASE WHEN n.nspname ~ '^[a-z_][a-z0-9_]*$' THEN n.nspname ELSE to_json(n.nspname::text)::text END
               || '.' ||
               CASE WHEN c.relname ~ '^[a-z_][a-z0-9_]*$' THEN c.relname ELSE to_json(c.relname::text)::text END AS key
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'm', 'f', 'p')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgmigrate')
          AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
        ORDER BY 1
    LOOP
        tbl := r.key;
        kind := CASE r.relkind WHEN 'r' THEN 'table' WHEN 'm' THEN 'materialized view'
                               WHEN 'f' THEN 'foreign table' ELSE 'partitioned table' END;
        n := NULL; digest := NULL;
        IF r.relkind = 'f' THEN
            digest := 'not compared: a foreign table (its rows live on its foreign server)';
        ELSIF r.relkind = 'p' THEN
            digest := 'not compared: a partitioned table (its partitions are compared)';
        ELSE
            BEGIN
                EXECUTE format('SELECT count(*), md5(coalesce(string_agg(t, E''\n'' ORDER BY t COLLATE "C"), ''''))'
                               ' FROM (SELECT to_jsonb(x)::text AS t FROM ONLY %s x) s', r.name)
                   INTO n, digest;
            EXCEPTION WHEN OTHERS THEN
                digest := 'not compared: ' || SQLERRM;
            END;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$fn$;
EOF
)

row_digests() {
    local port="$1" file="$2"
    psql_at "$port" regression -F $'\t' -c "$ROW_DIGEST_SQL" \
        -c 'SELECT tbl, kind, n, digest FROM pg_temp.row_digests()' >"$file"
}

# Writes TOOL's rows.txt: tables whose rows differ, are missing on either side, or could not be
# compared; sets RESULT_ROWS[TOOL] to a one-line summary.
compare_rows() {
    local tool="$1" src="$2" tgt="$3" out="$RUN_DIR/$1/rows.txt"
    awk -F '\t' -v out="$out" '
        NR == FNR { kind[$1] = $2; s[$1] = $3 "\t" $4; next }
        { seen[$1] = 1; t = $3 "\t" $4
          if (!($1 in s)) { print "only on target\t" $1 > out; extra++ }
          else if ($4 ~ /^not compared: / && s[$1] == t) { print "not compared\t" $1 "\t" substr($4, 15) > out; skipped++ }
          else if (s[$1] != t) { print "differs\t" $1 "\t" kind[$1] "\tsource: " s[$1] "\ttarget: " t > out; differ++ }
          else equal++ }
        END {
          for (k in s) if (!(k in seen)) { print "missing on target\t" k > out; missing++ }
          close(out)
          printf "%d equal, %d differ, %d missing on target, %d only on target, %d not compared\n",
                 equal, differ, missing, extra, skipped }' "$src" "$tgt" >"$RUN_DIR/$tool/rows.summary"
    touch "$out"
    sort -o "$out" "$out"
    RESULT_ROWS[$tool]="$(cat "$RUN_DIR/$tool/rows.summary")"
}

# Per relation (table, view, materialized view, foreign table, composite type): its columns in
# attnum order. pg_dump -s does not show this order for an inheritance child whose parent gained
# a column after the child was made (it prints the child's own columns only), and the row
# digests ignore it by design; yet `SELECT *` and `INSERT ... VALUES` without a column list
# depend on it. The issue asks pgmigrate to keep it where pg_dump does not.
column_orders() {
    local port="$1" file="$2"
    psql_at "$port" regression -F $'\t' >"$file" <<'EOF'
SELECT CASE WHEN n.nspname ~ '^[a-z_][a-z0-9_]*$' THEN n.nspname ELSE to_json(n.nspname::text)::text END
       || '.' ||
       CASE WHEN c.relname ~ '^[a-z_][a-z0-9_]*$' THEN c.relname ELSE to_json(c.relname::text)::text END,
       c.relkind, array_agg(a.attname::text ORDER BY a.attnum)::text
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgmigrate')
  AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
GROUP BY 1, 2 ORDER BY 1
EOF
}

# Relations present on both sides whose columns come in another order: TOOL's columns.txt.
compare_column_orders() {
    local tool="$1" src="$2" tgt="$3" out="$RUN_DIR/$1/columns.txt"
    awk -F '\t' 'NR == FNR { s[$1] = $3; next }
                 ($1 in s) && s[$1] != $3 { print $1 "\tsource: " s[$1] "\ttarget: " $3 }' "$src" "$tgt" >"$out"
    RESULT_COLUMNS[$tool]="$(wc -l <"$out")"
}

# pgmigrate's own verification of the target, whichever tool made it: it must report a difference
# exactly where pg_dump -s (or the column-order or row comparison) shows one.
verify_target() {
    local tool="$1" port="$2" dir="$RUN_DIR/$1" rc=0
    java -jar "$JAR" verify --source "$(url "$SOURCE_PORT" regression)" --target "$(url "$port" regression)" \
        --report "$dir/verify.json" >"$dir/verify.log" 2>&1 </dev/null || rc=$?
    if [[ ! -s "$dir/verify.json" ]]; then
        RESULT_VERIFY[$tool]="could not run (exit $rc): $dir/verify.log"
        return
    fi
    RESULT_VERIFY[$tool]="$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
d = r["differences"]
print("equal" if r["equal"] else "%d differences: %s" % (len(d), "; ".join(sorted({x["object"] for x in d})[:6])))' "$dir/verify.json")"
}

compare_target() {
    local tool="$1" port="$2"
    local dir="$RUN_DIR/$tool"
    if dump_schema "$port" "$dir/target-schema.sql"; then
        diff -u "$RUN_DIR/source-schema.sql" "$dir/target-schema.sql" >"$dir/schema.diff" || true
        RESULT_DIFF[$tool]="$(changed_lines "$dir/schema.diff")"
    else
        RESULT_DIFF[$tool]="pg_dump -s of the target failed: $dir/target-schema.sql.err"
    fi
    if column_orders "$port" "$dir/target-columns.tsv" 2>"$dir/target-columns.err"; then
        compare_column_orders "$tool" "$RUN_DIR/source-columns.tsv" "$dir/target-columns.tsv"
    else
        RESULT_COLUMNS[$tool]="reading the target's columns failed: $dir/target-columns.err"
    fi
    verify_target "$tool" "$port"
    if row_digests "$port" "$dir/target-rows.tsv" 2>"$dir/target-rows.err"; then
        compare_rows "$tool" "$RUN_DIR/source-rows.tsv" "$dir/target-rows.tsv"
    else
        RESULT_ROWS[$tool]="row digests of the target failed: $dir/target-rows.err"
    fi
}

print_summary() {
    local tool rows
    printf '\nRegression database, PostgreSQL %s -> %s (%s)\n' "$SOURCE_MAJOR" "$TARGET_MAJOR" "$(cat "$REGRESSION_STAMP")"
    printf 'Source: %s tables, views and sequences; %s\n\n' "$(psql_at "$SOURCE_PORT" regression -c \
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p','v','m','S','f') AND n.nspname NOT IN ('pg_catalog','information_schema') AND n.nspname !~ '^pg_'")" \
        "$(psql_at "$SOURCE_PORT" regression -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
    [[ -z "$ADJUSTED" ]] || printf 'Source adjusted for %s: %s\n\n' "$TARGET_MAJOR" "$ADJUSTED"
    for tool in "${TOOLS[@]}"; do
        rows="$RUN_DIR/$tool/rows.txt"
        printf '%s\n' "$tool"
        printf '  exit code:        %s\n' "${RESULT_EXIT[$tool]}"
        printf '  wall time:        %s s\n' "${RESULT_TIME[$tool]}"
        printf '  notes:            %s\n' "${RESULT_NOTE[$tool]}"
        printf '  pg_dump -s diff:  %s changed lines (%s)\n' "${RESULT_DIFF[$tool]}" "$RUN_DIR/$tool/schema.diff"
        printf '  column order:     %s relations whose columns come in another order (%s)\n' \
            "${RESULT_COLUMNS[$tool]}" "$RUN_DIR/$tool/columns.txt"
        printf '  rows:             %s\n' "${RESULT_ROWS[$tool]}"
        printf '  pgmigrate verify: %s (%s)\n' "${RESULT_VERIFY[$tool]}" "$RUN_DIR/$tool/verify.log"
        if [[ -f "$rows" ]]; then
            # Tables whose rows differ, then why others could not be compared; the whole list is
            # in rows.txt.
            grep -E '^(differs|missing on target|only on target)' "$rows" | cut -f1-3 | head -20 | sed 's/^/    /' || true
            local more; more=$(($(grep -cE '^(differs|missing on target|only on target)' "$rows" || true) - 20))
            ((more <= 0)) || printf '    ... %d more in %s\n' "$more" "$rows"
            grep '^not compared' "$rows" | cut -f3 | sort | uniq -c | sed 's/^ */    not compared: /' || true
        fi
        printf '  logs:             %s\n\n' "$RUN_DIR/$tool"
    done
    printf 'Run directory: %s\n' "$RUN_DIR"
}

# ---------------------------------------------------------------------------------------------

main() {
    parse_args "$@"
    install_base_packages
    TOOLS=()
    ensure_jar   # pgmigrate verify compares every target with the source, pg_dump's too
    [[ "$RUN_PGMIGRATE" == yes ]] && TOOLS+=(pgmigrate)
    [[ "$RUN_PG_DUMP" == yes ]] && TOOLS+=(pg_dump)

    prepare_major "$TARGET_MAJOR"
    TARGET_BIN="$BIN_DIR"
    TOOLS_BIN="$BIN_DIR"   # pg_dump refuses a server newer than itself: the newest major's clients
    install_regress_modules "$BIN_DIR" "$DL_PATH"
    prepare_major "$SOURCE_MAJOR"
    SOURCE_BIN="$BIN_DIR"
    SOURCE_DL_PATH="$DL_PATH"
    install_regress_modules "$BIN_DIR" "$DL_PATH"

    mkdir -p "$WORK_DIR/clusters"
    chown "$SUPERUSER:" "$WORK_DIR/clusters"   # the servers write their logs beside their data
    trap stop_started_clusters EXIT
    SOURCE_DATA="$WORK_DIR/clusters/source-pg$SOURCE_MAJOR"
    if [[ "$REBUILD_SOURCE_DB" == yes && -d "$SOURCE_DATA" ]]; then
        stop_cluster "$SOURCE_DATA" "$SOURCE_BIN"
        rm -rf "$SOURCE_DATA" "$SOURCE_DATA".*
    fi
    ensure_cluster "$SOURCE_DATA" "$SOURCE_BIN"
    SOURCE_PORT="${CLUSTER_PORT[$SOURCE_DATA]}"
    build_regression_database "$SOURCE_DATA" "$SOURCE_PORT"
    make_library_paths_portable "$SOURCE_PORT"
    adjust_for_target_major "$SOURCE_PORT"

    RUN_DIR="$WORK_DIR/runs/$(date +%Y%m%dT%H%M%S)-pg$SOURCE_MAJOR-to-pg$TARGET_MAJOR"
    mkdir -p "$RUN_DIR"
    log "run directory $RUN_DIR"
    dump_schema "$SOURCE_PORT" "$RUN_DIR/source-schema.sql" || die "pg_dump -s of the source failed: $RUN_DIR/source-schema.sql.err"
    column_orders "$SOURCE_PORT" "$RUN_DIR/source-columns.tsv"
    row_digests "$SOURCE_PORT" "$RUN_DIR/source-rows.tsv"
    psql_at "$SOURCE_PORT" regression -F $'\t' -P footer=off -f "$SCRIPT_DIR/inventory.sql" >"$RUN_DIR/source-inventory.tsv" 2>&1 \
        || log "inventory queries failed: $RUN_DIR/source-inventory.tsv"

    declare -gA RESULT_EXIT=() RESULT_TIME=() RESULT_NOTE=() RESULT_DIFF=() RESULT_ROWS=() RESULT_COLUMNS=() RESULT_VERIFY=()
    local tool data
    for tool in "${TOOLS[@]}"; do
        data="$WORK_DIR/clusters/target-$tool-pg$TARGET_MAJOR"
        fresh_cluster "$data" "$TARGET_BIN"
        if [[ "$tool" == pgmigrate ]]; then
            migrate_with_pgmigrate "$SOURCE_PORT" "${CLUSTER_PORT[$data]}"
        else
            migrate_with_pg_dump "$SOURCE_PORT" "${CLUSTER_PORT[$data]}"
        fi
        compare_target "$tool" "${CLUSTER_PORT[$data]}"
    done
    print_summary | tee "$RUN_DIR/summary.txt"
    if [[ "$KEEP_RUNNING" == yes ]]; then
        printf '\nRunning clusters (psql -h 127.0.0.1 -U %s -p PORT regression):\n' "$SUPERUSER"
        for data in "${!CLUSTER_PORT[@]}"; do printf '  %s  port %s\n' "$data" "${CLUSTER_PORT[$data]}"; done
    fi
}

main "$@"; exit   # exit here: the file may be edited while it runs

#!/usr/bin/env bash
# Starts Privacy Paradox Lab: a private PostgreSQL when none is configured, migrations, the seed studies,
# a researcher account, and the web app. `./run.sh stop` stops the private PostgreSQL.
#   ./run.sh [--port N]      serve on http://127.0.0.1:N (default 5080)
#   ./run.sh stop            stop the private database (data stays in .data/)
# Use your own PostgreSQL instead: export ConnectionStrings__Main="Host=...;Username=...;Password=...;Database=..."
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
PORT=5080
PG_PORT=${PPL_PG_PORT:-55432}
PG_DATA="$ROOT/.data/postgres"
PG_SOCK="$ROOT/.data/run"
CMD=start

while [ $# -gt 0 ]; do
  case "$1" in
    stop) CMD=stop ;;
    --port) PORT="${2:?--port needs a number}"; shift ;;
    --port=*) PORT="${1#--port=}" ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (use --port N or stop)" >&2; exit 2 ;;
  esac
  shift
done

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "PostgreSQL server not found; installing it with apt-get..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$d" ]; then echo "$d"; return; fi
  fi
  echo "PostgreSQL server binaries are missing. Install them (Debian/Ubuntu: sudo apt-get install postgresql)," >&2
  echo "or point the app at an existing server: export ConnectionStrings__Main='Host=...;Username=...;Database=...'" >&2
  exit 1
}

if [ "$CMD" = stop ]; then
  if [ -f "$PG_DATA/postmaster.pid" ]; then
    BIN=$(pg_bin); as_pg "$BIN/pg_ctl" -D "$PG_DATA" -m fast stop
  else
    echo "The private PostgreSQL is not running."
  fi
  exit 0
fi

if [ -z "${ConnectionStrings__Main:-}" ] && [ -z "${PPL_DATABASE:-}" ]; then
  BIN=$(pg_bin)
  mkdir -p "$ROOT/.data"
  if [ "$(id -u)" = 0 ]; then
    # The server runs as the unprivileged postgres user, who must be able to reach .data/.
    if ! runuser -u postgres -- test -x "$ROOT/.data"; then
      echo "The postgres user cannot reach $ROOT/.data (a parent folder is private)." >&2
      echo "Clone the project somewhere readable (e.g. /srv or /opt), or set ConnectionStrings__Main." >&2
      exit 1
    fi
  fi
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    echo "Creating a private PostgreSQL cluster in .data/postgres (port $PG_PORT)..."
    mkdir -p "$PG_DATA" "$PG_SOCK"
    [ "$(id -u)" = 0 ] && chown postgres "$PG_DATA" "$PG_SOCK"
    as_pg "$BIN/initdb" -D "$PG_DATA" -U ppl --auth=trust --encoding=UTF8 >/dev/null
  fi
  mkdir -p "$PG_SOCK"; [ "$(id -u)" = 0 ] && chown postgres "$PG_SOCK"
  if ! as_pg "$BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    as_pg "$BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 \
      -o "-p $PG_PORT -k $PG_SOCK -c listen_addresses=127.0.0.1" start >/dev/null
    echo "PostgreSQL started on 127.0.0.1:$PG_PORT (stop it with ./run.sh stop)."
  fi
  if ! as_pg "$BIN/psql" -h "$PG_SOCK" -p "$PG_PORT" -U ppl -d postgres -tAc "select 1 from pg_database where datname = 'ppl'" | grep -q 1; then
    as_pg "$BIN/createdb" -h "$PG_SOCK" -p "$PG_PORT" -U ppl ppl
  fi
  # Every process below finds this cluster the same way (Experiment.Engine/Storage/Database.cs, Resolve).
  export PPL_PG_PORT="$PG_PORT"
fi

echo "Building (Release)..."
dotnet build PrivacyParadox.sln -c Release -v q -nologo -clp:ErrorsOnly >/dev/null || dotnet build PrivacyParadox.sln -c Release -v q -nologo -clp:ErrorsOnly
# The web app as deployed (docs/deploy.md): published and precompiled (ReadyToRun), in a build folder of its own so
# the tests' build is not redone after it. The first run compiles it once more (a minute or so); later runs
# without a code change take seconds.
echo "Publishing the web app (Release, ReadyToRun)..."
dotnet publish Survey.Web/Survey.Web.csproj -c Release --use-current-runtime --self-contained false \
  --artifacts-path bin/publish-build -o bin/web -v q -nologo -clp:ErrorsOnly >/dev/null \
  || dotnet publish Survey.Web/Survey.Web.csproj -c Release --use-current-runtime --self-contained false \
  --artifacts-path bin/publish-build -o bin/web -v q -nologo -clp:ErrorsOnly
ANALYSIS="Analysis/bin/Release/net10.0/Analysis.dll"
dotnet "$ANALYSIS" db migrate
# An imported study starts closed; --open opens the seed studies the first time only (a later run keeps their status).
dotnet "$ANALYSIS" study import --open seed-data/studies
dotnet "$ANALYSIS" account ensure
echo
dotnet "$ANALYSIS" db links --base-url "http://127.0.0.1:$PORT"
echo
cd Survey.Web
exec dotnet "$ROOT/bin/web/Survey.Web.dll" --urls "http://127.0.0.1:$PORT"

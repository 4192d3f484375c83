#!/usr/bin/env bash
# Where the participant flow's CPU goes, on demand: bench/profile.sh [concurrency] [seconds]
# Starts its own PostgreSQL (pg_stat_statements loaded) and Survey.Web (perf map on, so JIT-compiled frames
# have names), warms up, then runs bench/LoadGen at the given concurrency (default 200, 20 s) while `perf`
# samples the whole machine (software clock). Prints LoadGen's result, PostgreSQL's statements by total time
# per submission, and perf's top symbols per process; PROFILE_FLOOR=1 adds the floor (LoadGen --floor). Everything goes to PROFILE_OUT (default a temporary folder,
# printed at the end) so it can be read again. Not part of ./test.sh.
# For an A/B of settings: PROFILE_WEB_ENV="NAME=value ..." is the web process's extra environment (runtime knobs),
# PROFILE_PG_OPTS="-c name=value ..." PostgreSQL's extra settings; two runs started at the same second compare them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
C=${1:-200}; S=${2:-20}
STUDY=privacy-paradox-nl
OUT=${PROFILE_OUT:-$(mktemp -d /tmp/ppl-profile-XXXXXX)}
mkdir -p "$OUT"; chmod 755 "$OUT"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
WEB_PID=
cleanup() {
  [ -n "$WEB_PID" ] && kill "$WEB_PID" 2>/dev/null && wait "$WEB_PID" 2>/dev/null
  [ -f "$OUT/pg/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$OUT/pg" -m immediate stop >/dev/null 2>&1
  rm -rf "$OUT/pg"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
if [ -z "${PROFILE_NO_BUILD:-}" ]; then
  for p in Analysis/Analysis.csproj Survey.Web/Survey.Web.csproj bench/LoadGen/LoadGen.csproj; do
    dotnet build "$p" -c Release -nologo -v q -clp:ErrorsOnly; done
fi
LOADGEN=${PROFILE_LOADGEN:-$ROOT/bench/LoadGen/bin/Release/net10.0/LoadGen.dll} # PROFILE_LOADGEN: another build of it, for its own A/B
ANALYSIS="$ROOT/Analysis/bin/Release/net10.0/Analysis.dll"
WEB="$ROOT/Survey.Web/bin/Release/net10.0/Survey.Web.dll"
PG_PORT=$(free_port); mkdir -p "$OUT/pg"; [ "$(id -u)" = 0 ] && chown postgres "$OUT" "$OUT/pg"
as_pg "$PG_BIN/initdb" -D "$OUT/pg" -U postgres --auth=trust --encoding=UTF8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$OUT/pg" -l "$OUT/pg/server.log" -w -t 60 -o "-p $PG_PORT -k $OUT -c listen_addresses=127.0.0.1 \
  -c max_connections=300 -c shared_buffers=256MB -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all ${PROFILE_PG_OPTS:-}" start >/dev/null
psql() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -X -q "$@"; }
psql -d postgres -c "create database ppl"
export ConnectionStrings__Main="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=ppl${PROFILE_CS_EXTRA:-}" # e.g. ";Maximum Pool Size=10"
dotnet "$ANALYSIS" db migrate >/dev/null
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); s.pop("targetPerCell",None); json.dump(s,open(sys.argv[2],"w"),ensure_ascii=False,indent=1)' \
  "seed-data/studies/$STUDY.json" "$OUT/$STUDY.json"
dotnet "$ANALYSIS" study import --open "$OUT/$STUDY.json" >/dev/null
psql -d ppl -c "create extension pg_stat_statements"
WEB_PORT=$(free_port); URL="http://127.0.0.1:$WEB_PORT"
env ${PROFILE_WEB_ENV:-} DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 dotnet "$WEB" --urls "$URL" --environment Production --contentRoot "$ROOT/Survey.Web" \
  --Enrolment:PerAddressPerMinute=1000000 --Logging:LogLevel:Default=Warning >"$OUT/web.log" 2>&1 &
WEB_PID=$!
for _ in $(seq 1 120); do curl -fsS "$URL/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
ENTRY="/s/$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$OUT/$STUDY.json")?PROLIFIC_PID={pid}"
ENTRY=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); p=s.get("panel") or {}; q=[]
q+=[p["participantParam"]+"={pid}"] if p.get("participantParam") else []
q+=[p["studyParam"]+"=bench"] if p.get("studyParam") else []
q+=[p["sessionParam"]+"=s{pid}"] if p.get("sessionParam") else []
print("/s/"+s["id"]+("?"+"&".join(q) if q else ""))' "$OUT/$STUDY.json")
PG_PID=$(head -n 1 "$OUT/pg/postmaster.pid")
lg() { dotnet "$LOADGEN" --url "$URL" --entry "$ENTRY" --web-pid "$WEB_PID" --pg-pid "$PG_PID" --db "$ConnectionStrings__Main" --study "$STUDY" "$@"; }
W=${PROFILE_WARMUP:-60}; echo "== warm-up ${W} s at $C" >&2
lg --concurrency "$C" --seconds "$W" --warmup 0 --prefix warm >"$OUT/warm.json"
sleep 11 # the warm-up's table and commit counts reach the statistics before they are reset (idle flush, 10 s)
psql -d ppl -At -c "select pg_stat_statements_reset(), pg_stat_reset()" >/dev/null
COMMITS0=$(psql -d ppl -At -c "select xact_commit from pg_stat_database where datname = 'ppl'")
echo "== measured ${S}s at $C, perf on" >&2
# PROFILE_NO_PERF=1 leaves perf out (an A/B pair of two runs at once: one sampler of the whole machine is enough).
if [ -z "${PROFILE_NO_PERF:-}" ]; then
  ( sleep 3; perf record -e cpu-clock -F 499 -a -g -o "$OUT/perf.data" -- sleep $((S - 2)) >/dev/null 2>&1 ) &
  PERF=$!
else PERF=; fi
lg --concurrency "$C" --seconds "$S" --warmup 3 --prefix prof >"$OUT/run.json"
[ -n "$PERF" ] && { wait $PERF || true; }
SUBS=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["submissions"])' "$OUT/run.json")
cat "$OUT/run.json"; echo
psql -d ppl -c "select calls, round((calls::numeric / $SUBS), 3) per_sub, round(mean_exec_time::numeric, 3) mean_ms,
  round((total_exec_time / $SUBS)::numeric, 4) ms_per_sub, round(mean_plan_time::numeric,3) plan_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 110) q
  from pg_stat_statements order by total_exec_time desc limit 25" | tee "$OUT/statements.txt"
# Per submission: the statements the app sent (top level; the rest run inside them: functions, foreign-key checks)
# and the transactions committed; per table, how many updates were HOT (no index entries written). The web's idle
# sessions hand their table and commit counts over within 10 s (PostgreSQL's idle flush), hence the pause.
sleep 11
psql -d ppl -c "select round(sum(calls) filter (where toplevel) / $SUBS::numeric, 3) top_level_per_sub,
  round(sum(calls) filter (where not toplevel) / $SUBS::numeric, 3) nested_per_sub,
  (select round((xact_commit - $COMMITS0) / $SUBS::numeric, 3) from pg_stat_database where datname = 'ppl') commits_per_sub
  from pg_stat_statements" | tee -a "$OUT/statements.txt"
psql -d ppl -c "select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, round(100.0 * n_tup_hot_upd / nullif(n_tup_upd, 0), 1) hot_pct
  from pg_stat_user_tables where n_tup_upd > 0 order by n_tup_upd desc" | tee -a "$OUT/statements.txt"
[ -n "$PERF" ] || { echo "profile in $OUT" >&2; exit 0; }
# `|| true`: head closes the pipe early, and under pipefail the upstream's SIGPIPE would end the script here.
perf report -i "$OUT/perf.data" --stdio --no-children --sort comm -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -12 | tee "$OUT/perf-comm.txt" || true
perf report -i "$OUT/perf.data" --stdio --no-children --sort pid -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -12 | tee "$OUT/perf-pid.txt" || true
for who in "--pid $WEB_PID" "--comm postgres"; do
  echo "== perf, top symbols of $who" | tee -a "$OUT/perf-sym.txt"
  perf report -i "$OUT/perf.data" --stdio --no-children $who --sort dso,sym -g none 2>/dev/null \
    | grep -v '^#' | grep -v '^$' | head -60 | tee -a "$OUT/perf-sym.txt" || true # head ends perf early: not a failure
done
cp /tmp/perf-$WEB_PID.map "$OUT/" 2>/dev/null || true
# PROFILE_FLOOR=1: then the floor, what a request costs the web process when the app does next to nothing
# (LoadGen --floor, same concurrency and seconds): /healthz (middleware, one endpoint, `select 1`) and a static file.
if [ -n "${PROFILE_FLOOR:-}" ]; then
  for path in /healthz /css/site.css; do
    dotnet "$LOADGEN" --url "$URL" --floor "$path" --web-pid "$WEB_PID" --concurrency "$C" --seconds "$S" --warmup 3 | tee -a "$OUT/floor.json"
  done
fi
echo "profile in $OUT" >&2

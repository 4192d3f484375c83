#!/usr/bin/env bash
# Installs what the tests need (when missing and possible: PostgreSQL, Chromium, PSPP, R), builds in Release and
# runs every test project.
# Ends with one line: "tests: N passed, N failed, N skipped"; exits non-zero on any failure.
# Under CI=true a skipped test counts as a failure.
# PPL_TEST_DATABASE=<connection string> uses that PostgreSQL instead of a private one in a temporary folder.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
RESULTS="$ROOT/TestResults"

need_apt=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1 && [ -z "${PPL_TEST_DATABASE:-}" ]; then
  need_apt+=(postgresql)
fi
if [ ! -x /usr/bin/chromium ] && [ -z "${PPL_CHROMIUM:-}" ]; then need_apt+=(chromium); fi
# The export's scripts are run by the programs they are written for (tests/Analysis.Tests/Export/Scripts).
if ! command -v pspp >/dev/null 2>&1; then need_apt+=(pspp); fi
if ! command -v Rscript >/dev/null 2>&1; then need_apt+=(r-base-core); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${need_apt[*]} with apt-get..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
      || echo "warning: could not install ${need_apt[*]}" >&2
  else
    echo "warning: missing ${need_apt[*]}; install with: sudo apt-get install ${need_apt[*]}" >&2
  fi
fi

echo "Building (Release)..."
if ! dotnet build PrivacyParadox.sln -c Release -nologo -v q -clp:ErrorsOnly; then
  echo "tests: 0 passed, 1 failed, 0 skipped (build failed)"
  exit 1
fi

rm -rf "$RESULTS"
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$RESULTS" || status=1
done

passed=0; failed=0; skipped=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted) + $(get inconclusive)))
done
count=$(ls "$RESULTS"/*.trx 2>/dev/null | wc -l)
projects=$(ls tests/*.Tests/*.Tests.csproj | wc -l)
if [ "$count" -lt "$projects" ]; then
  echo "error: only $count of $projects test projects produced results" >&2
  status=1
fi
if [ "${CI:-}" = "true" ] && [ "$skipped" -gt 0 ]; then
  echo "CI=true: $skipped skipped test(s) count as failures" >&2
  failed=$((failed + skipped))
  status=1
fi
[ "$failed" -gt 0 ] && status=1
[ $((passed + failed)) -eq 0 ] && status=1
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status

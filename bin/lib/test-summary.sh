#!/usr/bin/env bash
# Adds up every Surefire and Failsafe report of the last build and prints one closing line.
cd "$(dirname "$0")/../.."
tests=0 failures=0 errors=0 skipped=0
while IFS= read -r report; do
  line=$(grep -m1 -o '<testsuite [^>]*' "$report" || true)
  [ -n "$line" ] || continue
  get() { echo "$line" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  tests=$((tests + $(get tests))); failures=$((failures + $(get failures)))
  errors=$((errors + $(get errors))); skipped=$((skipped + $(get skipped)))
done < <(find . -path '*/target/*-reports/TEST-*.xml' -not -path './.antpath/*' 2>/dev/null)
passed=$((tests - failures - errors - skipped))
echo
echo "antpath test summary (Surefire + Failsafe, all modules):"
echo "$passed passed, $((failures + errors)) failed, $skipped skipped"

#!/usr/bin/env bash
# `npm run demo:check`: `hr-sync check` on the sample files in examples/data. Exit status 1 from a
# check only means "some rows were rejected", which is what the messy samples are for.
set -u
cd "$(dirname "$0")/.."
run() {
  echo
  echo "\$ hr-sync check $*"
  node bin/hr-sync.js check "$@"
  echo "(exit status $?)"
}
out=$(mktemp -d)
run examples/data/employees.csv
run examples/data/employees-utf16.txt
run examples/data/employees-excel-nl.csv --mapping examples/data/mapping-nl.json \
  --valid-out "$out/valid.jsonl" --errors-out "$out/errors.csv"
echo
echo "Valid records as JSON lines ($out/valid.jsonl):"
cat "$out/valid.jsonl"
echo
echo "Rejected rows to fix and upload again ($out/errors.csv):"
cat "$out/errors.csv"
echo
run "$out/errors.csv" --mapping examples/data/mapping-nl.json
rm -rf "$out"
exit 0

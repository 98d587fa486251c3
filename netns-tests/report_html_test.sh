#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# netns-tests/report_html_test.sh - the HTML report as a browser shows it.
# Writes sample reports (report_sample), renders each report.html with
# Debian's chromium, headless, and checks that the page it shows holds as
# many case rows, and says as many cases passed, failed and skipped, as the
# report.json written beside it; that the page fetches nothing and runs no
# script; and that the escaped texts come out as text.
#
#   report_html_test.sh REPORT-SAMPLE-BINARY
set -u
sample=$1
failures=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
browser=$(command -v chromium || true)
if [ -z "$browser" ]; then
  echo "FAIL: chromium is not installed (scripts/deps.sh installs it)"
  exit 1
fi

# json_number KEY FILE: the number after "KEY": in the JSON report.
json_number() {
  sed -n "s/^  \"$1\": \([0-9]*\),*$/\1/p" "$2"
}

check() { # check PASSED FAILED SKIPPED
  dir="$work/r$1-$2-$3"
  mkdir -p "$dir"
  if ! "$sample" "$dir" "$1" "$2" "$3"; then
    failures=$((failures + 1)); echo "FAIL: report_sample $*"; return
  fi
  html="$dir/report.html" json="$dir/report.json"
  if grep -qiE '<script|<link|src=|href=|url\(|@import' "$html"; then
    failures=$((failures + 1)); echo "FAIL: $html loads or runs something"
  fi
  profile=$(mktemp -d "$work/profile.XXXXXX")
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --dump-dom "file://$html" >"$dir/dom" 2>"$dir/browser.err"
  rc=$?
  if [ $rc -ne 0 ] || ! grep -q '</table>' "$dir/dom"; then
    failures=$((failures + 1))
    echo "FAIL: chromium status $rc; $(tail -3 "$dir/browser.err")"
    return
  fi
  json_cases=$(grep -c '^    {"name": ' "$json")
  for what in passed failed skipped; do
    want=$(json_number "$what" "$json")
    shown=$(sed -n "s/.*<span id=\"$what\">\([0-9]*\)<\/span>.*/\1/p" "$dir/dom")
    case $what in passed) cls=pass ;; failed) cls=fail ;; skipped) cls=skip ;; esac
    rows=$(grep -o "<tr class=\"case $cls\">" "$dir/dom" | wc -l)
    if [ "$shown" != "$want" ] || [ "$rows" -ne "$want" ]; then
      failures=$((failures + 1))
      echo "FAIL: $*: $what: the page says $shown with $rows rows, the JSON $want"
    fi
  done
  shown=$(sed -n 's/.*<span id="cases">\([0-9]*\)<\/span>.*/\1/p' "$dir/dom")
  rows=$(grep -o '<tr class="case ' "$dir/dom" | wc -l)
  if [ "$shown" != "$json_cases" ] || [ "$rows" -ne "$json_cases" ]; then
    failures=$((failures + 1))
    echo "FAIL: $*: the page shows $shown cases in $rows rows, the JSON has $json_cases"
  fi
  if [ "$2" -gt 0 ] && ! grep -q 'rerun: <code>./scripts/report --only sample/fail-0</code>' "$dir/dom"; then
    failures=$((failures + 1)); echo "FAIL: $*: no rerun command for sample/fail-0"
  fi
  if grep -q '<b>detail</b>' "$dir/dom" || ! grep -q '&lt;b&gt;detail&lt;/b&gt;' "$dir/dom"; then
    failures=$((failures + 1)); echo "FAIL: $*: a detail's text became markup"
  fi
  if ! grep -q 'libipv4 <b id="version">1.0.0</b>, commit <code id="commit">0123abc</code>' "$dir/dom"; then
    failures=$((failures + 1)); echo "FAIL: $*: the page does not name libipv4 and its commit"
  fi
}

check 5 2 1
check 0 1 0
check 3 0 0

if [ $failures -ne 0 ]; then
  echo "$failures failures"
  exit 1
fi
echo "all passed"

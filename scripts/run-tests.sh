#!/bin/sh
# Run every test suite and print the totals.  A suite is an executable
# `run.sh` under a tests/ directory of a component; it prints TAP-style lines
# ("ok - name" / "not ok - name") and may print anything else.  A suite that
# exits non-zero without printing a result counts as one failure.
# Usage: scripts/run-tests.sh [SUITE...]   (default: all suites)
set -u
cd "$(dirname "$0")/.."
make -s deps || { echo "0 passed, 1 failed"; exit 1; }
suites=${*:-$(ls lib/tests/run.sh porting/dtscan/tests/run.sh zonegen/tests/run.sh \
	hypervisor/tests/run.sh hvisor-tool/tests/run.sh tests/*/run.sh 2>/dev/null)}
pass=0 fail=0
log=build/test-logs
mkdir -p "$log"
for s in $suites; do
	name=$(echo "$s" | sed 's|/run.sh||; s|/tests||; s|/|-|g')
	echo "=== $s"
	"$s" > "$log/$name.log" 2>&1
	rc=$?
	grep -E '^(not )?ok\b' "$log/$name.log"
	p=$(grep -c -E '^ok\b' "$log/$name.log")
	f=$(grep -c -E '^not ok\b' "$log/$name.log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $s exited $rc (log: $log/$name.log)"
		tail -n 20 "$log/$name.log"
		f=1
	fi
	pass=$((pass + p)) fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

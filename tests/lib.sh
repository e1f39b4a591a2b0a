# SPDX-License-Identifier: GPL-2.0
# TAP helpers the test suites share; source it after setting T (a scratch
# directory).  ok/nok print one line ("not ok" counts into $fails);
# check NAME CMD... runs CMD and shows its output on failure; has FILE
# LINE... wants every LINE verbatim in FILE.
fails=0

ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; fails=$((fails + 1)); }
check() { # name, then a command
	n=$1
	shift
	if "$@" >"$T/check.log" 2>&1; then ok "$n"; else
		nok "$n"
		sed 's/^/#   /' "$T/check.log" | head -20
	fi
}
has() {
	f=$1
	shift
	for l in "$@"; do
		grep -qxF -- "$l" "$f" || { echo "missing in $f: $l"; return 1; }
	done
}

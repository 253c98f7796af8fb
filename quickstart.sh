#!/bin/sh
# Yigong quickstart.
#
#   ./quickstart.sh        install what is missing, build, open the program on a demo database
#   ./quickstart.sh test   install what is missing, build, run every test twice: a normal build,
#                          then one with AddressSanitizer and UBSan; ends with "N passed, N failed"
#
# Running either again is quick: nothing is reinstalled, reconfigured or rebuilt needlessly.
set -eu

top=$(cd "$(dirname "$0")" && pwd)
cd "$top"
mode=${1:-run}
jobs=$(nproc 2>/dev/null || echo 2)

# Debian packages the build, the tests and the benchmark need.
packages="gcc make autoconf automake pkg-config libncurses-dev libsqlite3-dev libcsv-dev check
	sqlite3 tmux time openssh-server openssh-client libxlsxwriter-dev python3-openpyxl
	libcairo2-dev libpango1.0-dev fonts-noto-cjk poppler-utils gettext"

install_missing() {
	missing=
	for p in $packages; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "quickstart: these Debian packages are missing:$missing" >&2
		echo "quickstart: install them as root, then run this again:" >&2
		echo "  sudo apt-get install -y$missing" >&2
		exit 1
	fi
	echo "quickstart: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# build DIR [configure arguments...]: configure once, then make as needed.
build() {
	dir=$1
	shift
	mkdir -p "$dir"
	if [ ! -f "$dir/Makefile" ]; then
		(cd "$dir" && "$top/configure" -q "$@")
	fi
	make -s -C "$dir" -j"$jobs"
}

bootstrap() {
	if [ ! -x configure ] || [ configure.ac -nt configure ]; then
		autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
	fi
}

# Sums what the Check suites and the scripts of one `make check` reported.
# Check suites count each test; a script counts once.
tally() {
	dir=$1
	for trs in "$dir"/tests/*.trs "$dir"/tests/dates/*.trs; do
		[ -f "$trs" ] || continue
		log=${trs%.trs}.log
		result=$(sed -n 's/^:test-result: //p' "$trs" | head -n 1 || true)
		checks=$(grep -E '^[0-9]+%: Checks: [0-9]+, Failures: [0-9]+, Errors: [0-9]+' "$log" 2>/dev/null | tail -n 1 || true)
		if [ -n "$checks" ]; then
			echo "$checks" | sed -E 's/^[0-9]+%: Checks: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+).*/\1 \2 \3/' |
				{ read -r n f e; echo "$((n - f - e)) $((f + e)) 0"; }
		else
			case $result in
			PASS|XFAIL) echo "1 0 0" ;;
			SKIP) echo "0 0 1" ;;
			*) echo "0 1 0" ;;
			esac
		fi
	done
}

run_checks() {
	dir=$1
	shift
	status=0
	env "$@" make -s -C "$dir" -j"$jobs" check >"$dir/check.out" 2>&1 || status=$?
	grep -E '^(PASS|FAIL|ERROR|SKIP|XFAIL|XPASS):' "$dir/check.out" || true
	if [ "$status" -ne 0 ]; then
		echo "quickstart: make check failed in $dir; the failing logs follow" >&2
		for trs in "$dir"/tests/*.trs; do
			grep -qE '^:test-result: (FAIL|ERROR)' "$trs" 2>/dev/null || continue
			echo "----- ${trs%.trs}.log" >&2
			tail -n 40 "${trs%.trs}.log" >&2
		done
		# a build failure leaves no .trs: show the compiler's words
		tail -n 30 "$dir/check.out" >&2
	fi
	return "$status"
}

install_missing
bootstrap

case $mode in
run)
	build build --enable-werror
	db="$top/build/demo.db"
	[ -f "$db" ] || ./build/yigong init --db "$db" --demo
	exec ./build/yigong --db "$db"
	;;
test)
	# CI reads the last line: a build that fails still ends with the totals.
	build build --enable-werror || { echo "0 passed, 1 failed"; exit 1; }
	failed_runs=0
	run_checks build || failed_runs=$((failed_runs + 1))
	# The date-sensitive tests again on the days calendar bugs show.
	if ! make -s -C build check-dates >build/check-dates.out 2>&1; then
		failed_runs=$((failed_runs + 1))
		grep -E '^FAIL:' build/check-dates.out >&2 || tail -n 20 build/check-dates.out >&2
	fi
	tail -n 1 build/check-dates.out

	# The same suite under AddressSanitizer and UBSan: any report fails it.
	san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
	logs="$top/build-asan/sanitizer-logs"
	if build build-asan --enable-werror CFLAGS="-O1 -g $san" LDFLAGS="$san"; then
		rm -rf "$logs"
		mkdir -p "$logs"
		run_checks build-asan \
			ASAN_OPTIONS="log_path=$logs/asan:detect_leaks=1:abort_on_error=0" \
			LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0" \
			UBSAN_OPTIONS="log_path=$logs/ubsan:print_stacktrace=1:halt_on_error=1" ||
			failed_runs=$((failed_runs + 1))
	else
		echo "quickstart: the sanitizer build failed" >&2
		failed_runs=$((failed_runs + 1))
		build_failed=1
	fi
	reports=0
	for f in "$logs"/*; do
		[ -d "$logs" ] || break
		[ -f "$f" ] || continue
		reports=$((reports + 1))
		echo "----- sanitizer report $f" >&2
		head -n 40 "$f" >&2
	done

	totals=$( { tally build; tally build-asan; } | awk '{p += $1; f += $2; s += $3}
		END {printf "%d %d %d", p, f, s}')
	set -- $totals
	passed=$1 failed=$2 skipped=$3
	failed=$((failed + reports))
	if [ "${build_failed:-0}" -eq 1 ]; then
		failed=$((failed + 1)) # a build that failed counts, whatever ran before
	elif [ "$failed_runs" -gt 0 ] && [ "$failed" -eq 0 ]; then
		failed=$failed_runs # make check failed before any test reported
	fi
	if [ "$skipped" -gt 0 ]; then
		echo "$passed passed, $failed failed, $skipped skipped"
	else
		echo "$passed passed, $failed failed"
	fi
	[ "$failed" -eq 0 ]
	;;
*)
	echo "usage: ./quickstart.sh [test]" >&2
	exit 2
	;;
esac

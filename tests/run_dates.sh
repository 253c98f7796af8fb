#!/bin/sh
# run_dates.sh — the date-sensitive tests at the moments where calendar
# bugs show, each under TZ=UTC and TZ=Asia/Shanghai (`make check-dates`).
#
#   run_dates.sh TEST...              the moments below
#   run_dates.sh --year YYYY TEST...  every day of a year at 10:00 China
#                                       time (`make check-year`: long)
#
# Run from the build directory with make check's environment (top_srcdir,
# YIGONG ...).  Each run leaves tests/dates/NAME@MOMENT@TZ.log and a .trs
# that quickstart counts like make check's.  The demo's due day is the 5th.
set -u
year=
if [ "${1:-}" = --year ]; then
	year=$2
	shift 2
fi
[ $# -gt 0 ] || { echo "usage: run_dates.sh [--year YYYY] TEST..." >&2; exit 2; }

if [ -n "$year" ]; then
	moments=$(d=0; while day=$(TZ=UTC date -d "$year-01-01 +$d day" +%Y-%m-%d) &&
		[ "${day%%-*}" = "$year" ]; do echo "${day}T10:00:00+08:00"; d=$((d + 1)); done)
	zones=Asia/Shanghai
else
	# The 1st (last month not yet due), the due day late in the evening (a
	# UTC server still says the same day), the morning after (UTC still says
	# the due day), the end of a leap February, New Year's Eve and the first
	# hour of a year (the demo's twelve months then cross it).
	moments="2026-12-01T09:00:00+08:00 2026-12-05T23:30:00+08:00
		2026-12-06T07:00:00+08:00 2028-02-28T12:00:00+08:00 2028-02-29T12:00:00+08:00
		2026-12-31T23:30:00+08:00 2027-01-01T00:30:00+08:00"
	zones="UTC Asia/Shanghai"
fi

mkdir -p tests/dates
rm -f tests/dates/*.log tests/dates/*.trs
passed=0 failed=0
for m in $moments; do
	for tz in $zones; do
		for t in "$@"; do
			name=$(basename "$t" .sh)@$m@$(echo "$tz" | tr / -)
			log=tests/dates/$name.log
			if TZ=$tz YIGONG_NOW=$m $SHELL "$top_srcdir/$t" >"$log" 2>&1; then
				res=PASS passed=$((passed + 1))
			else
				res=FAIL failed=$((failed + 1))
			fi
			[ -z "$year" ] || [ $res = FAIL ] && echo "$res: $t at $m, TZ=$tz"
			printf ':test-result: %s\n' $res >"tests/dates/$name.trs"
		done
	done
done
echo "check-dates: $passed runs passed, $failed failed"
[ "$failed" -eq 0 ]

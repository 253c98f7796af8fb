# now_lib.sh — the tests' "now"; sourced by cli_lib.sh and tui_lib.sh.
#
# Every test lives on the moment YIGONG_NOW names (tests/local.mk sets one
# for `make check`; `make check-dates` tries the awkward ones), and the
# program reads the same variable: no test reads the wall clock, so none
# passes on some days and fails on others.  Dates are China's civil dates,
# as the program's are, whatever TZ the test runs under.

: "${YIGONG_NOW:?YIGONG_NOW must name the tests moment (tests/local.mk sets it)}"
export YIGONG_NOW
now_day=$(TZ=Asia/Shanghai date -d "$YIGONG_NOW" +%Y-%m-%d) || exit 99
now_dom=$(( 1${now_day#*-*-} - 100 ))

# month_from N [FORMAT]: the month N months from now's (N < 0: before it),
# as YYYY-MM or in the date(1) FORMAT given.
month_from() {
	TZ=UTC date -d "${now_day%-*}-15 $1 month" "+${2:-%Y-%m}"
}

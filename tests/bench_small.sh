#!/bin/sh
# Every benchmark at a tiny size, so that none can rot unnoticed: each must
# run to its end, make its comparison (export: the same rows as sqlite3
# selects) and print its table.  No time is asserted: speed is for `make
# bench`, `bench-tui` and `bench-bulletin` on the real sizes.
. "${top_srcdir:-.}/tests/cli_lib.sh"
command -v /usr/bin/time >/dev/null || { echo "SKIP: GNU time not installed"; exit 77; }
export BENCH_DIR="$tmp/bench" GEN="$top_builddir/bench/gen" TUI="$top_builddir/bench/tui"

bench() { # NAME SCRIPT ARGS...
	name=$1
	shift
	$SHELL "$@" >"$out" 2>"$err"
	rc=$?
	expect_rc 0 "$name"
}

bench "bench/run.sh (export, import, xlsx)" "$top_srcdir/bench/run.sh" 2 3 3
grep -q "^rows: " "$out" && ok "the export table" || fail "no rows line"
# Every exported row goes back in, none refused, and again changes nothing.
grep -Eq "yigong import said: 导入 [1-9][0-9]*, 更新 0, 未变 0, 拒绝 0; again: 导入 0, 更新 0, 未变 [1-9]" \
	"$out" && ok "the import takes every row, and again changes nothing" ||
	fail "import: $(grep 'import said' "$out")"
bench "bench/bulletin.sh" "$top_srcdir/bench/bulletin.sh" 2 3 3
grep -q "^yigong bulletin (" "$out" && ok "the bulletin line" || fail "no bulletin line"
bench "bench/tui.sh" "$top_srcdir/bench/tui.sh" 2x3x3
for s in "grid: first paint" "dashboard: first paint" "sqlite3: the grid's GROUP BY" \
	"cold (nothing stored): grid first paint [0-9]" \
	"bytes per field move" "bytes per typed character"; do
	grep -q "$s" "$out" && ok "bench-tui: $s" || fail "bench-tui lacks: $s"
done
finish

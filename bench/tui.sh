#!/bin/sh
# bench/tui.sh — the screens through a pseudo-terminal at 80×24 (bench/tui)
# on generated databases, beside sqlite3 computing the review grid's counts.
#
#   make bench-tui [BENCH_ARGS="SIZES"]     SIZES: "10x30x24 100x20x24" (prefecture, province)
#
# For each size: the review grid's first paint, month change, community
# filter and the dashboard (milliseconds from the key to the last byte, and
# bytes written), the program's peak RSS, and sqlite3's time for the GROUP BY
# that gives the grid's figures.  Then a clerk's form on the demo county:
# bytes per field move and per typed character.  Databases are kept in
# $BENCH_DIR (default /tmp/yigong-bench) for reruns.
set -eu

YIGONG=${YIGONG:-./yigong}
GEN=${GEN:-./bench/gen}
TUI=${TUI:-./bench/tui}
DIR=${BENCH_DIR:-/tmp/yigong-bench}
SIZES=${*:-10x30x24 100x20x24}
mkdir -p "$DIR"

ms() { echo $(( $(date +%s%N) / 1000000 )); }

for size in $SIZES; do
	set -- $(echo "$size" | tr x ' ')
	DB=$DIR/province-$1-$2-$3.db
	[ -f "$DB" ] || { echo "generating $DB ..."; "$GEN" "$DB" "$1" "$2" "$3" >/dev/null; }
	LAST=$(sqlite3 "$DB" 'SELECT max(period) FROM submission')
	# The program opens on the month before "now": the generated data's last.
	Y=${LAST%??} M=${LAST#????}
	if [ "$M" = 12 ]; then NOW="$((Y + 1))-01-10"; else NOW="$Y-$(printf %02d $((10#$M + 1)))-10"; fi
	cat "$DB" >/dev/null
	echo
	echo "== $size (counties x institutions x months): $(sqlite3 "$DB" \
		"SELECT count(*) FROM submission WHERE period = $LAST") returns in $LAST"
	YIGONG_NOW="${NOW}T09:00:00+08:00" "$TUI" "$YIGONG" "$DB" review >"$DIR/tui.out"
	t0=$(ms)
	sqlite3 "$DB" "SELECT o.parent_id, s.form, s.state, count(*), sum(s.errors), sum(s.warnings)
		FROM submission s JOIN org_unit o ON o.id = s.org_id WHERE s.period = $LAST
		GROUP BY 1, 2, 3" >/dev/null
	sqlite3 "$DB" "SELECT o.code, s.form, s.state, s.errors, s.warnings FROM submission s
		JOIN org_unit o ON o.id = s.org_id WHERE s.period = $LAST" >/dev/null
	t1=$(ms)
	printf '%-30s %10s %8s\n' step ms bytes
	awk -F'\t' '$1 != "peak RSS KiB" { printf "%-30s %10s %8s\n", $1, $2, $3 }' "$DIR/tui.out"
	awk -F'\t' '$1 == "peak RSS KiB" { printf "%-30s %10s\n", "peak RSS (MB)", int($2 / 1024) }' \
		"$DIR/tui.out"
	printf '%-30s %10s\n' "sqlite3: the grid's GROUP BY" "$((t1 - t0))"
done

echo
echo "== form entry (the demo county, a clerk)"
DEMO=$DIR/demo.db
rm -f "$DEMO" "$DEMO-wal" "$DEMO-shm"
export YIGONG_NOW=2026-12-10T09:00:00+08:00
"$YIGONG" init --db "$DEMO" --demo >/dev/null 2>&1
"$TUI" "$YIGONG" "$DEMO" form wangfang >"$DIR/form.out"
awk -F'\t' '/field move/ { m += $3; nm++ } /typed digit/ { c += $3; nc++ }
	END { printf "bytes per field move: %.0f (aim <= 64)\nbytes per typed character: %.0f (aim <= 16)\n",
		m / nm, c / nc }' "$DIR/form.out"

#!/bin/sh
# bench/tui.sh — the screens through a pseudo-terminal at 80×24 (bench/tui)
# on generated databases, beside sqlite3 computing the review grid's counts.
#
#   make bench-tui [BENCH_ARGS="SIZES"]     SIZES: "10x30x24 100x20x24" (prefecture, province)
#
# For each size: the review grid's first paint, month change, community
# filter and the dashboard (milliseconds from the key to the last byte, and
# bytes written), the program's peak RSS, and beside each screen sqlite3's
# time (best of three) for GROUP BY queries computing the same figures from
# the same stored rows, and the ratio.  Then a clerk's form on the demo county:
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
	PREV=$(sqlite3 "$DB" "SELECT max(period) FROM submission WHERE period < $LAST")
	COMM=$(sqlite3 "$DB" "SELECT id FROM org_unit WHERE kind = 'community' ORDER BY code LIMIT 1")
	# What each screen shows, computed by sqlite3 with GROUP BY from the
	# same stored rows: the grid's counts by unit, form and state (errors,
	# warnings and missed targets from the stored findings); the
	# dashboard's target verdicts and figures, and the outcome indicators'
	# sums over the months its trends and growth read.
	grid_sql() { # PERIOD [COMMUNITY]
		echo "SELECT o.parent_id, s.form, s.state, count(*), sum(c.errors), sum(c.warnings),
			sum(c.missed) FROM submission s JOIN org_unit o ON o.id = s.org_id
			LEFT JOIN finding_count c ON c.submission_id = s.id
			WHERE s.period = $1 ${2:+AND o.parent_id = $2} GROUP BY 1, 2, 3;"
	}
	dash_sql() { # PERIOD
		echo "SELECT o.parent_id, f.rule, f.field, f.met, count(*), sum(f.num), sum(f.den)
			FROM finding f JOIN submission s ON s.id = f.submission_id
			JOIN org_unit o ON o.id = s.org_id WHERE s.period = $1 AND f.severity = 'target'
			AND s.state IN ('submitted', 'approved') GROUP BY 1, 2, 3, 4;
			SELECT s.period, o.parent_id, v.key, count(*), sum(v.num) FROM submission s
			JOIN org_unit o ON o.id = s.org_id JOIN value v ON v.submission_id = s.id
			WHERE s.form IN ('services', 'familydoc', 'insurance')
			AND s.state IN ('submitted', 'approved')
			AND s.period BETWEEN ($1 / 100 - 1) * 100 + 1 AND $1 GROUP BY 1, 2, 3;"
	}
	# The best of three runs of sqlite3 (a process each, as the program is one).
	sq() {
		best=
		for _ in 1 2 3; do
			t0=$(ms)
			sqlite3 "$DB" "$1" >/dev/null
			t=$(($(ms) - t0))
			[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
		done
		echo "$best"
	}
	g_last=$(sq "$(grid_sql "$LAST")")
	g_prev=$(sq "$(grid_sql "$PREV")")
	g_comm=$(sq "$(grid_sql "$LAST" "$COMM")")
	d_last=$(sq "$(dash_sql "$LAST")")
	d_prev=$(sq "$(dash_sql "$PREV")")
	printf '%-30s %8s %8s %12s %7s\n' step ms bytes "sqlite3 ms" ratio
	awk -F'\t' -v gl="$g_last" -v gp="$g_prev" -v gc="$g_comm" -v dl="$d_last" -v dp="$d_prev" '
		$1 == "peak RSS KiB" { rss = $2; next }
		{
			q = ""
			if ($1 == "grid: first paint" || $1 == "grid: next month" ||
			    $1 == "dashboard: back to grid") q = gl
			else if ($1 == "grid: previous month") q = gp
			else if ($1 == "community filter: pick") q = gc
			else if ($1 == "dashboard: first paint") q = dl
			else if ($1 == "dashboard: previous month") q = dp
			r = q != "" && q > 0 ? sprintf("%.1fx", $2 / q) : ""
			printf "%-30s %8s %8s %12s %7s\n", $1, $2, $3, q, r
		}
		END { printf "%-30s %8s\n", "peak RSS (MB)", int(rss / 1024 + 0.5) }' "$DIR/tui.out"
	printf '%-30s %8s\n' "sqlite3: the grid's GROUP BY" "$g_last"
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

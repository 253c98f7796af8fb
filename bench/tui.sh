#!/bin/sh
# bench/tui.sh — the screens through a pseudo-terminal at 80×24 (bench/tui)
# on generated databases, beside sqlite3 computing the review grid's counts.
#
#   make bench-tui [BENCH_ARGS="SIZES"]     SIZES: "10x30x24 100x20x24" (prefecture, province)
#
# For each size, with the screens' figures stored (as after an import; a
# first run without them gives the cold line): the review grid's first
# paint, month change, community filter and the dashboard (milliseconds from the key to the last byte, and
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
	# The path the bench walks: above a county it opens the second row (a
	# prefecture at a province, a county at a prefecture), then the first
	# row below until a county, and picks that county's first community.
	ROOT=$(sqlite3 "$DB" "SELECT id FROM org_unit WHERE parent_id IS NULL ORDER BY code LIMIT 1")
	child() { # PARENT OFFSET [KIND]
		sqlite3 "$DB" "SELECT id FROM org_unit WHERE parent_id = $1
			${3:+AND kind = '$3'} ORDER BY code LIMIT 1 OFFSET $2"
	}
	case $(sqlite3 "$DB" "SELECT kind FROM org_unit WHERE id = $ROOT") in
	province) LEVELS=2 PREF=$(child "$ROOT" 1) COUNTY=$(child "$PREF" 0) ;;
	prefecture) LEVELS=1 PREF= COUNTY=$(child "$ROOT" 1) ;;
	*) LEVELS=0 PREF= COUNTY=$ROOT ;;
	esac
	COMM=$(child "$COUNTY" 0 community)
	# Cold: no month's figures stored (as after a threshold changed), so
	# each screen computes and stores what it shows; then warm, as after an
	# import (bench/gen stores them as `import` does), from what the cold
	# run stored.
	sqlite3 "$DB" 'DELETE FROM figure_memo' 2>/dev/null || : # schema 8: upgraded on opening
	YIGONG_NOW="${NOW}T09:00:00+08:00" "$TUI" "$YIGONG" "$DB" review "$LEVELS" >"$DIR/tui-cold.out"
	YIGONG_NOW="${NOW}T09:00:00+08:00" "$TUI" "$YIGONG" "$DB" review "$LEVELS" >"$DIR/tui.out"
	PREV=$(sqlite3 "$DB" "SELECT max(period) FROM submission WHERE period < $LAST")
	# What each screen shows, computed by sqlite3 with GROUP BY from the
	# same stored rows: the grid's counts by row (each unit one level below
	# the one in view; at a county or community each institution), form
	# and state (errors, warnings and missed targets from the stored
	# findings); the dashboard's target verdicts and figures by row of the
	# top of the scope, and the outcome indicators' sums over the months
	# its trends and growth read.
	below_cte() { # UNIT: each unit below it with the row (a child of UNIT) it falls in
		echo "WITH RECURSIVE up(id, top) AS (SELECT id, id FROM org_unit WHERE parent_id = $1
			UNION ALL SELECT o.id, up.top FROM org_unit o JOIN up ON o.parent_id = up.id)"
	}
	grid_sql() { # PERIOD UNIT ROW (up.top: a unit below; s.org_id: each institution)
		echo "$(below_cte "$2") SELECT $3, s.form, s.state, count(*), sum(c.errors),
			sum(c.warnings), sum(c.missed) FROM submission s JOIN up ON up.id = s.org_id
			LEFT JOIN finding_count c ON c.submission_id = s.id
			WHERE s.period = $1 GROUP BY 1, 2, 3;"
	}
	top_row=up.top
	[ "$LEVELS" -gt 0 ] || top_row=s.org_id
	dash_sql() { # PERIOD
		echo "$(below_cte "$ROOT") SELECT up.top, f.rule, f.field, f.met, count(*), sum(f.num),
			sum(f.den) FROM finding f JOIN submission s ON s.id = f.submission_id
			JOIN up ON up.id = s.org_id WHERE s.period = $1 AND f.severity = 'target'
			AND s.state IN ('submitted', 'approved') GROUP BY 1, 2, 3, 4;
			$(below_cte "$ROOT") SELECT s.period, up.top, v.key, count(*), sum(v.num)
			FROM submission s JOIN up ON up.id = s.org_id
			JOIN value v ON v.submission_id = s.id
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
	g_last=$(sq "$(grid_sql "$LAST" "$ROOT" "$top_row")")
	g_prev=$(sq "$(grid_sql "$PREV" "$ROOT" "$top_row")")
	g_pref=$([ -z "$PREF" ] || sq "$(grid_sql "$LAST" "$PREF" up.top)")
	g_county=$(sq "$(grid_sql "$LAST" "$COUNTY" s.org_id)")
	g_comm=$(sq "$(grid_sql "$LAST" "$COMM" s.org_id)")
	d_last=$(sq "$(dash_sql "$LAST")")
	d_prev=$(sq "$(dash_sql "$PREV")")
	printf '%-30s %8s %8s %12s %7s\n' step ms bytes "sqlite3 ms" ratio
	awk -F'\t' -v gl="$g_last" -v gp="$g_prev" -v gc="$g_comm" -v dl="$d_last" -v dp="$d_prev" \
		-v gf="$g_pref" -v gy="$g_county" '
		$1 == "peak RSS KiB" { rss = $2; next }
		{
			q = ""
			if ($1 == "grid: first paint" || $1 == "grid: next month") q = gl
			else if ($1 == "grid: previous month") q = gp
			else if ($1 == "grid: open a prefecture") q = gf
			else if ($1 == "grid: open a county") q = gy
			else if ($1 == "community filter: pick" ||
			    $1 == "dashboard: back to grid") q = gc
			else if ($1 == "dashboard: first paint") q = dl
			else if ($1 == "dashboard: previous month") q = dp
			r = q != "" && q > 0 ? sprintf("%.1fx", $2 / q) : ""
			printf "%-30s %8s %8s %12s %7s\n", $1, $2, $3, q, r
		}
		END { printf "%-30s %8s\n", "peak RSS (MB)", int(rss / 1024 + 0.5) }' "$DIR/tui.out"
	printf '%-30s %8s\n' "sqlite3: the grid's GROUP BY" "$g_last"
	awk -F'\t' '$1 == "grid: first paint" { g = $2 } $1 == "dashboard: first paint" { d = $2 }
		$1 == "peak RSS KiB" { r = $2 }
		END { printf "cold (nothing stored): grid first paint %s ms, dashboard first paint %s ms, peak RSS %d MB\n",
			g, d, int(r / 1024 + 0.5) }' "$DIR/tui-cold.out"
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

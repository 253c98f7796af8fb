#!/bin/sh
# bench/run.sh — yigong export and import against sqlite3 on the same data.
#
#   make bench [BENCH_ARGS="COUNTIES INSTITUTIONS MONTHS"]     (100 20 24)
#
# One run, one database: times `yigong export` (long format, approved rows)
# against `sqlite3 -csv` running the query that selects and formats the same
# rows (written by bench/gen beside the database), then `yigong import` of
# that file into a database holding only the org units against sqlite3's
# `.import` of the same file into a bare table.  Prints rows/s, the ratios
# and the peak resident memory of each (GNU time: apt-get install time).
# Then the workbook (--format xlsx, issue 15) beside the wide CSV of the same
# selection: time and peak memory, which must stay flat (constant memory).
# Work files go to $BENCH_DIR (default /tmp/yigong-bench), kept for reruns.
set -eu

YIGONG=${YIGONG:-./yigong}
GEN=${GEN:-./bench/gen}
DIR=${BENCH_DIR:-/tmp/yigong-bench}
C=${1:-100} I=${2:-20} M=${3:-24}
TIME=/usr/bin/time

for tool in sqlite3 "$TIME"; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "bench: $tool is missing (apt-get install sqlite3 time)" >&2
		exit 1
	}
done
mkdir -p "$DIR"
DB=$DIR/province-$C-$I-$M.db
if [ ! -f "$DB" ]; then
	echo "generating $DB ..."
	"$GEN" "$DB" "$C" "$I" "$M"
fi
LAST=$(sed -n 's/.*BETWEEN \([0-9]*\) AND \([0-9]*\).*/\2/p' "$DB.export.sql")
FIRST=$(sed -n 's/.*BETWEEN \([0-9]*\) AND \([0-9]*\).*/\1/p' "$DB.export.sql")
PERIOD=$(echo "$FIRST" | sed 's/\(....\)\(..\)/\1-\2/')..$(echo "$LAST" | sed 's/\(....\)\(..\)/\1-\2/')

# measure LABEL CMD...: sets SECS and RSS_KB from GNU time -v
measure() {
	label=$1
	shift
	"$TIME" -v -o "$DIR/time.$label" "$@"
	SECS=$(awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' \
		"$DIR/time.$label")
	RSS_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$DIR/time.$label")
	CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' \
		"$DIR/time.$label")
}

rate() { awk -v r="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# Warm the page cache so that both readers start equal.
cat "$DB" > /dev/null

measure yg_export "$YIGONG" --db "$DB" export --period "$PERIOD" -o "$DIR/yigong.csv" 2>/dev/null
YE=$SECS YE_RSS=$RSS_KB YE_CPU=$CPU
measure sq_export sqlite3 -batch "$DB" ".output $DIR/sqlite3.csv" ".read $DB.export.sql"
SE=$SECS SE_RSS=$RSS_KB SE_CPU=$CPU
# The communities' own figures (DESIGN §3.5) follow the institutions' rows
# in yigong's file; the query of bench/gen selects only the latter.
ROWS=$(($(grep -vc '^sentdown\.tertiary_experts_resident,' "$DIR/yigong.csv") - 1))
SROWS=$(($(wc -l < "$DIR/sqlite3.csv") - 1))
if [ "$ROWS" != "$SROWS" ]; then
	echo "bench: yigong wrote $ROWS rows, sqlite3 $SROWS: not the same selection" >&2
	exit 1
fi

# The workbook beside the wide CSV it is made from (the same rows, typed).
measure yg_wide "$YIGONG" --db "$DB" export --period "$PERIOD" --format wide \
	-o "$DIR/yigong-wide.csv" 2>/dev/null
WE=$SECS WE_RSS=$RSS_KB WE_CPU=$CPU
measure yg_xlsx "$YIGONG" --db "$DB" export --period "$PERIOD" --format xlsx \
	-o "$DIR/yigong.xlsx" 2>/dev/null
XE=$SECS XE_RSS=$RSS_KB XE_CPU=$CPU
WROWS=$(($(wc -l < "$DIR/yigong-wide.csv") - 1))
XROWS=$(sed -n 's/^rows: //p' "$DIR/yigong.xlsx.manifest")

# Import: a database with the same units and no returns, and a bare table.
TARGET=$DIR/target.db
rm -f "$TARGET" "$TARGET-wal" "$TARGET-shm" "$DIR/bare.db"
"$GEN" -o "$TARGET" "$C" "$I" "$M" > /dev/null
measure yg_import "$YIGONG" --db "$TARGET" import "$DIR/yigong.csv" > "$DIR/import.out"
YI=$SECS YI_RSS=$RSS_KB YI_CPU=$CPU
measure sq_import sqlite3 -batch "$DIR/bare.db" "PRAGMA journal_mode = WAL;" \
	"PRAGMA synchronous = NORMAL;" ".import --csv $DIR/yigong.csv t" > /dev/null
SI=$SECS SI_RSS=$RSS_KB SI_CPU=$CPU
measure yg_reimport "$YIGONG" --db "$TARGET" import "$DIR/yigong.csv" > "$DIR/reimport.out"
YR=$SECS YR_RSS=$RSS_KB YR_CPU=$CPU

echo
echo "rows: $ROWS ($C counties x $I institutions x $M months; $(du -h "$DIR/yigong.csv" | cut -f1) of CSV)"
printf '%-26s %7s s wall %7s s cpu %9s rows/s %7s KiB peak RSS\n' \
	"yigong export" "$YE" "$YE_CPU" "$(rate "$ROWS" "$YE")" "$YE_RSS" \
	"sqlite3 -csv (same rows)" "$SE" "$SE_CPU" "$(rate "$ROWS" "$SE")" "$SE_RSS" \
	"yigong import (checked)" "$YI" "$YI_CPU" "$(rate "$ROWS" "$YI")" "$YI_RSS" \
	"sqlite3 .import (bare)" "$SI" "$SI_CPU" "$(rate "$ROWS" "$SI")" "$SI_RSS" \
	"yigong import again" "$YR" "$YR_CPU" "$(rate "$ROWS" "$YR")" "$YR_RSS"
printf '%-26s %7s s wall %7s s cpu %9s rows/s %7s KiB peak RSS\n' \
	"yigong export --format wide" "$WE" "$WE_CPU" "$(rate "$WROWS" "$WE")" "$WE_RSS" \
	"yigong export --format xlsx" "$XE" "$XE_CPU" "$(rate "$XROWS" "$XE")" "$XE_RSS"
echo "wide: $WROWS rows, $(du -h "$DIR/yigong-wide.csv" | cut -f1) of CSV;" \
	"xlsx: $XROWS rows in one sheet per form, $(du -h "$DIR/yigong.xlsx" | cut -f1);" \
	"xlsx takes $(ratio "$XE" "$WE")x the time of the wide CSV"
echo "export: yigong is $(ratio "$SE" "$YE")x as fast as sqlite3 -csv by the clock," \
	"$(ratio "$SE_CPU" "$YE_CPU")x by CPU time (aim >= 2)"
echo "import: yigong takes $(ratio "$YI" "$SI")x the time of sqlite3 .import by the clock," \
	"$(ratio "$YI_CPU" "$SI_CPU")x by CPU time (aim <= 1.5)"
echo "yigong import said: $(cat "$DIR/import.out"); again: $(cat "$DIR/reimport.out")"

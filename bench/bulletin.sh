#!/bin/sh
# bench/bulletin.sh — time and peak memory of `yigong bulletin` on a
# generated database (bench/gen), with `sqlite3` counting the same month's
# returns by state beside it as the floor of what any report must read.
#
#   make bench-bulletin [BENCH_ARGS="COUNTIES INSTITUTIONS MONTHS"]   (10 30 24)
#
# The bulletin checks every return of the month and of the 24 months its
# trends cover (twelve and the year before) through the rules: it grows
# with the database until findings are stored (the prefecture-and-province
# issue).  Work files go to $BENCH_DIR (default /tmp/yigong-bench).
set -eu

YIGONG=${YIGONG:-./yigong}
GEN=${GEN:-./bench/gen}
DIR=${BENCH_DIR:-/tmp/yigong-bench}
C=${1:-10} I=${2:-30} M=${3:-24}
TIME=/usr/bin/time

for tool in sqlite3 "$TIME" pdfinfo; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "bench: $tool is missing (apt-get install sqlite3 time poppler-utils)" >&2
		exit 1
	}
done
mkdir -p "$DIR"
DB=$DIR/province-$C-$I-$M.db
[ -f "$DB" ] || { echo "generating $DB ..."; "$GEN" "$DB" "$C" "$I" "$M"; }
LAST=$(sqlite3 "$DB" 'SELECT max(period) FROM submission')
PERIOD=$(echo "$LAST" | sed 's/\(....\)\(..\)/\1-\2/')
ROOT=$(sqlite3 "$DB" 'SELECT code FROM org_unit WHERE parent_id IS NULL')

measure() {
	label=$1
	shift
	"$TIME" -v -o "$DIR/time.$label" "$@"
	SECS=$(awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' \
		"$DIR/time.$label")
	RSS_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$DIR/time.$label")
}

cat "$DB" >/dev/null
measure yg_bulletin "$YIGONG" --db "$DB" bulletin --period "$PERIOD" --org "$ROOT" \
	-o "$DIR/bulletin.pdf" 2>/dev/null
YB=$SECS YB_RSS=$RSS_KB
PAGES=$(pdfinfo "$DIR/bulletin.pdf" | awk '/^Pages:/ { print $2 }')
measure sq_states sqlite3 -batch "$DB" \
	"SELECT state, count(*) FROM submission WHERE period = $LAST GROUP BY state" >/dev/null
SQ=$SECS SQ_RSS=$RSS_KB
RETURNS=$(sqlite3 "$DB" "SELECT count(*) FROM submission WHERE period = $LAST")

echo "bulletin of $PERIOD: $C x $I institutions x $M months, $RETURNS returns this month"
printf '%-34s %10s %12s\n' "" "seconds" "peak RSS MB"
printf '%-34s %10s %12s\n' "yigong bulletin ($PAGES pages)" "$YB" "$((YB_RSS / 1024))"
printf '%-34s %10s %12s\n' "sqlite3: the month's states" "$SQ" "$((SQ_RSS / 1024))"

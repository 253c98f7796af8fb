# csv_lib.sh — shared by the CSV tests (tests/csv_*.sh); sourced after
# tests/cli_lib.sh, whose run/expect helpers they use.

# A demo county at $1 and, at $2, a database holding the same units and no
# returns (a county's data arriving at the level above).
demo_pair() {
	"$YIGONG" init --demo --db "$1" >/dev/null 2>"$err" || { echo "init: $(cat "$err")"; exit 99; }
	new_db "$2"
	root=$("$YIGONG" --db "$2" org list | head -n 1 | cut -f1)
	demo_root=$("$YIGONG" --db "$1" org list | head -n 1 | cut -f1)
	{
		echo "code,name,kind,tier,parent"
		"$YIGONG" --db "$1" org list | tail -n +2 | awk -F'\t' -v r="$root" -v d="$demo_root" \
			'{ p = $5; if (p == d) p = r; printf "%s,\"%s\",%s,%s,%s\n", $1, $2, $3, $4, p }'
	} >"$tmp/units.csv"
	"$YIGONG" --db "$2" org import "$tmp/units.csv" >/dev/null 2>"$err" ||
		{ echo "org import: $(cat "$err")"; exit 99; }
}

# Every month the demo may hold.
ALL=2000-01..2099-12

expect_same_file() {
	if cmp -s "$1" "$2"; then ok "$3"; else fail "$3: $1 and $2 differ"; fi
}

#!/bin/sh
# Malformed and refused imports through the real binary: exit 1, every bad
# line named with its number, the listing capped, the database unchanged.
# Also the usage errors of export and import.
. "${top_srcdir:-.}/tests/cli_lib.sh"
. "${top_srcdir:-.}/tests/csv_lib.sh"

a=$tmp/a.db b=$tmp/b.db
demo_pair "$a" "$b"
"$YIGONG" --db "$a" export --period "$ALL" -o "$tmp/a.csv" 2>/dev/null ||
	{ echo "export failed"; exit 99; }
hdr=$(head -n 1 "$tmp/a.csv")
good=$(sed -n 2p "$tmp/a.csv")
unit=$(echo "$good" | cut -d, -f3)
before=$(fingerprint "$b")

# refused NAME FILE LINE...: exit 1, each LINE named, nothing written.
refused() {
	name=$1 file=$2
	shift 2
	run --lang en --db "$b" import "$file"
	expect_rc 1 "$name"
	for line in "$@"; do
		grep -q "^yigong: $file:$line: " "$err" && ok "$name: line $line named" ||
			fail "$name: line $line not reported"
	done
	n=$(grep -c "^yigong: $file:[0-9]*: " "$err")
	[ "$n" -eq $# ] && ok "$name: $# line(s) reported" || fail "$name: $n lines reported, not $#"
	expect_same "$b" "$before" "$name"
}

f=$tmp/quoting.csv
printf '%s\n%s\nstaffing.hires,202609,%s,,,"4"2,,,,false,false,approved\r\n' \
	"$hdr" "$good" "$unit" >"$f"
refused "bad quoting" "$f" 3

f=$tmp/columns.csv
printf '%s\n%s\nstaffing.hires,202609,%s,,,4\r\n%s\n' "$hdr" "$good" "$unit" "$good" >"$f"
refused "wrong column count (and a duplicate)" "$f" 3 4

f=$tmp/numbers.csv
{
	echo "$hdr"
	echo "$good"
	echo "staffing.hires,202609,$unit,,,4.5,,,,false,false,approved"
	echo "procurement.drug_amount,202609,$unit,,,12.345,,,,false,false,approved"
	echo "staffing.departures,202609,$unit,,,-1,,,,false,false,approved"
	echo "staffing.no_such_field,202609,$unit,,,1,,,,false,false,approved"
	echo "referral.patient_ref,202609,$unit,,,x,,,,false,false,approved"
} >"$f"
refused "bad numbers and unknown keys" "$f" 3 4 5 6 7

# A community's own figure: only on a community's line, once per month, a count.
community=$(grep '^sentdown\.tertiary_experts_resident,' "$tmp/a.csv" | head -n 1 | cut -d, -f3)
f=$tmp/community.csv
{
	echo "$hdr"
	echo "sentdown.tertiary_experts_resident,202609,$community,,,2,,,,false,false,"
	echo "sentdown.tertiary_experts_resident,202609,$community,,,3,,,,false,false,"
	echo "sentdown.tertiary_experts_resident,202609,$unit,,,2,,,,false,false,"
	echo "sentdown.tertiary_experts_resident,202608,$community,,,two,,,,false,false,"
} >"$f"
refused "community figures" "$f" 3 4 5

f=$tmp/units.csv
{
	echo "$hdr"
	echo "staffing.hires,202609,NOPE1,,,4,,,,false,false,approved"
	echo "staffing.hires,202609,NOPE2,,,4,,,,false,false,approved"
} >"$f"
refused "unknown org units" "$f" 2 3
expect_err "unknown org units: NOPE1, NOPE2 (load them first with yigong org import)" \
	"unknown units named together"

# Out of scope: a reviewer of one community importing another's unit.
comm=$("$YIGONG" --db "$b" org list | awk -F'\t' '$3 == "community" { print $1; exit }')
other=$("$YIGONG" --db "$b" org list |
	awk -F'\t' -v c="$comm" '$3 == "township" && $5 != c { print $1; exit }')
"$YIGONG" --db "$b" user add csvrev --role reviewer --org "$comm" >/dev/null 2>"$err" ||
	{ echo "user add: $(cat "$err")"; exit 99; }
before=$(fingerprint "$b")
f=$tmp/scope.csv
printf '%s\nstaffing.hires,202609,%s,,,4,,,,false,false,approved\n' "$hdr" "$other" >"$f"
run --lang en --db "$b" --as csvrev import "$f"
expect_rc 1 "out of scope ($other outside $comm)"
expect_err "outside your scope" "out-of-scope unit refused"
expect_same "$b" "$before" "out of scope"

f=$tmp/empty.csv
: >"$f"
run --lang en --db "$b" import "$f"
expect_rc 1 "empty file"
expect_err "empty" "empty file"
expect_same "$b" "$before" "empty file"

f=$tmp/junk.csv
printf '\177ELF\002\001\001\000\000\000\377\376\r\n\000\001\002' >"$f"
run --lang en --db "$b" import "$f"
expect_rc 1 "binary junk"
expect_same "$b" "$before" "binary junk"

# A line of several megabytes, then a bad line that must still be seen.
f=$tmp/huge.csv
{
	echo "$hdr"
	printf 'staffing.hires,202609,%s,,,' "$unit"
	head -c 4000000 /dev/zero | tr '\0' 9
	printf ',,,,false,false,approved\n'
	echo "staffing.hires,202609,NOPE,,,1,,,,false,false,approved"
} >"$f"
refused "a line of several megabytes" "$f" 2 3

# More bad lines than the listing shows: the rest are counted.
f=$tmp/many.csv
{
	echo "$hdr"
	i=0
	while [ $i -lt 60 ]; do
		# Never a period (99, 990 ... 9959), whatever forms the unit files.
		echo "staffing.hires,99$i,$unit,,,1,,,,false,false,approved"
		i=$((i + 1))
	done
} >"$f"
run --lang en --db "$b" import "$f"
expect_rc 1 "sixty bad lines"
n=$(grep -c "^yigong: $f:[0-9]*: " "$err")
[ "$n" -eq 50 ] && ok "listing capped at 50" || fail "listed $n lines"
expect_err "... and 10 more" "the rest counted"
expect_out "imported 0, updated 0, unchanged 0, rejected 60" "summary of a refused file"
expect_same "$b" "$before" "sixty bad lines"

# Usage errors: exit 2.
run --db "$a" export
expect_rc 2 "export without --period"
run --db "$a" export --period 2026-13
expect_rc 2 "export with a bad period"
run --db "$a" export --period 2026-05..2026-01
expect_rc 2 "export with a reversed range"
run --db "$a" export --period 2026-01 --format tall
expect_rc 2 "export with an unknown format"
run --db "$a" export --period 2026-01 --encoding latin1
expect_rc 2 "export with an unknown encoding"
run --db "$a" import
expect_rc 2 "import without a file"
run --db "$a" import "$tmp/does-not-exist.csv"
expect_rc 1 "import of a missing file"
run --lang en --db "$a" export --period 2026-01 --form posting
expect_rc 1 "records in the long format"
expect_err "never go upward" "records refused in the long format"
finish

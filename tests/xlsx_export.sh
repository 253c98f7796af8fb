#!/bin/sh
# export --format xlsx through the real binary, read back by an independent
# reader (openpyxl, tests/xlsx_compare.py): every cell equals the wide CSV
# of its form, codes keep their leading zeros as text, amounts are numbers
# with two decimals, the header is frozen, a formula-like name stays text;
# the manifest and the first sheet carry the data's SHA-256; English sheets;
# record forms refused.
. "${top_srcdir:-.}/tests/cli_lib.sh"
. "${top_srcdir:-.}/tests/csv_lib.sh"

PY=/usr/bin/python3
"$PY" -c 'import openpyxl' 2>/dev/null ||
	{ echo "SKIP: python3-openpyxl not installed (apt-get install python3-openpyxl)"; exit 77; }
compare() { "$PY" "${top_srcdir:-.}/tests/xlsx_compare.py" "$@"; }
# The program's private temporary directories go here, to see them removed.
mkdir "$tmp/t" && TMPDIR=$tmp/t && export TMPDIR

# The sheets' order is the forms' (monthly forms only).
FORMS="staffing sentdown familydoc capacity procurement"

a=$tmp/a.db
"$YIGONG" init --demo --db "$a" >/dev/null 2>"$err" || { echo "init: $(cat "$err")"; exit 99; }
# A code with leading zeros (like the default root 000000000000, which a
# spreadsheet turns into 0) and a name that reads as a formula.
town=$("$YIGONG" --db "$a" org list | awk -F'\t' '$3 == "township" { print $1; exit }')
sqlite3 "$a" "UPDATE org_unit SET code = '000000001234',
	name = '=HYPERLINK(\"http://example.invalid\",\"x\")' WHERE code = '$town'" ||
	{ echo "cannot prepare the units"; exit 99; }

# wide_csvs DIR LANG [ARGS...]: the wide CSV of each form, and their
# concatenation's SHA-256 in $want_sha.
wide_csvs() {
	dir=$1 lang=$2
	shift 2
	mkdir -p "$dir"
	csvs=
	for f in $FORMS; do
		"$YIGONG" --lang "$lang" --db "$a" export --period "$ALL" --format wide --form "$f" "$@" \
			>"$dir/$f.csv" 2>"$err" || fail "wide export of $f"
		csvs="$csvs $dir/$f.csv"
	done
	# shellcheck disable=SC2086
	want_sha=$(cat $csvs | sha256sum | cut -d' ' -f1)
}

run --db "$a" export --period "$ALL" --format xlsx -o "$tmp/book.xlsx"
expect_rc 0 "export --format xlsx"
expect_err "已导出" "export says what it wrote"
wide_csvs "$tmp/zh" zh
# shellcheck disable=SC2086
if compare "$tmp/book.xlsx" zh "$want_sha" $csvs >"$tmp/cmp" 2>&1; then ok "openpyxl reads what the wide CSV says"
else cat "$tmp/cmp"; fail "workbook and wide CSV differ"; fi
grep '^ok: ' "$tmp/cmp" | sed 's/^/  /'
grep -q '^ok: 药品采购: amounts are numbers' "$tmp/cmp" && ok "procurement amounts checked" ||
	fail "no amount cells were checked"
grep -q "^data_sha256: $want_sha\$" "$tmp/book.xlsx.manifest" &&
	ok "manifest's data_sha256 is that of the forms' wide CSVs" || fail "manifest data_sha256"
sum=$(sha256sum "$tmp/book.xlsx" | cut -d' ' -f1)
grep -q "^sha256: $sum\$" "$tmp/book.xlsx.manifest" && grep -q '^format: xlsx$' \
	"$tmp/book.xlsx.manifest" && ok "manifest's sha256 is the file's" || fail "manifest sha256"

"$PY" - "$tmp/book.xlsx" >"$tmp/cells" 2>&1 <<'EOF' || { cat "$tmp/cells"; fail "reading cells"; }
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print("sheets", "|".join(wb.sheetnames))
for ws in wb.worksheets[1:]:
    for r in ws.iter_rows(min_row=3):
        if r[0].value == "000000001234":
            print("code", ws.title, r[0].data_type, r[0].value, r[1].data_type, r[1].value,
                  r[2].data_type, r[2].value)
about = {r[0]: r[1] for r in wb.worksheets[0].iter_rows(values_only=True) if r[0]}
print("approved", about.get("仅已审核"))
EOF
grep -q '^sheets 说明|人员配备|派驻医生|家庭医生与转诊|预留号源与床位|药品采购$' "$tmp/cells" &&
	ok "Chinese sheet names, the description first" || fail "sheet names: $(head -n 1 "$tmp/cells")"
grep -q '^code 人员配备 s 000000001234 s =HYPERLINK("http://example.invalid","x") s 20[0-9][0-9]-[0-9][0-9]$' \
	"$tmp/cells" && ok "code keeps its leading zeros as text; formula-like name and month are text" ||
	fail "code/name/month cells: $(grep '^code' "$tmp/cells" | head -n 1)"
grep -q '^approved 是$' "$tmp/cells" && ok "first sheet: approved only" || fail "approved only"

# English: sheet names and headers in English, the same cells.
run --lang en --db "$a" export --period "$ALL" --format xlsx --include-unapproved -o "$tmp/en.xlsx"
expect_rc 0 "export --format xlsx --lang en --include-unapproved"
wide_csvs "$tmp/en" en --include-unapproved
# shellcheck disable=SC2086
if compare "$tmp/en.xlsx" en "$want_sha" $csvs >"$tmp/cmp" 2>&1; then ok "English workbook equals the English wide CSV"
else cat "$tmp/cmp"; fail "English workbook and wide CSV differ"; fi
"$PY" -c 'import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); print("|".join(wb.sheetnames))
a = {r[0]: r[1] for r in wb.worksheets[0].iter_rows(values_only=True) if r[0]}; print(a.get("Approved only"))' \
	"$tmp/en.xlsx" >"$tmp/names"
grep -q '^About|Staffing|Doctors sent down|Family doctors and referrals|Reserved capacity|Drug procurement$' \
	"$tmp/names" && ok "English sheet names" || fail "English sheet names: $(head -n 1 "$tmp/names")"
grep -q '^no ' "$tmp/names" && ok "first sheet: unapproved included" || fail "approved only (en)"

# One form: the description and that form's sheet.
run --db "$a" export --period "$ALL" --format xlsx --form staffing -o "$tmp/one.xlsx"
expect_rc 0 "export --format xlsx --form staffing"
wide_csvs "$tmp/one" zh
compare "$tmp/one.xlsx" zh "$(sha256sum <"$tmp/one/staffing.csv" | cut -d' ' -f1)" \
	"$tmp/one/staffing.csv" >"$tmp/cmp" 2>&1 && ok "one form, one sheet" ||
	{ cat "$tmp/cmp"; fail "one form's workbook"; }

# Records are the county's own rows, not a workbook sheet: refused cleanly.
run --lang en --db "$a" export --period "$ALL" --format xlsx --form posting -o "$tmp/rec.xlsx"
expect_rc 1 "xlsx of a record form"
expect_err "not exported as xlsx" "record form refused"
[ ! -e "$tmp/rec.xlsx" ] && [ ! -e "$tmp/rec.xlsx.part" ] && ok "nothing left behind" ||
	fail "a file was left behind"
run --db "$a" export --period "$ALL" --format xls
expect_rc 2 "unknown format"
expect_err "xlsx" "the usage names xlsx"
# Standard output takes a workbook, but not when it is a terminal.
run --db "$a" export --period "$ALL" --format xlsx --form staffing
expect_rc 0 "xlsx to standard output"
head -c 2 "$out" | grep -q '^PK' && ok "a workbook on standard output" || fail "no workbook on stdout"
if command -v script >/dev/null 2>&1; then
	script -qec "'$YIGONG' --lang en --db '$a' export --period 2026-01 --format xlsx" /dev/null \
		>"$tmp/tty" 2>&1
	grep -q "does not go to a terminal" "$tmp/tty" && ok "no workbook to a terminal" ||
		fail "a workbook to a terminal: $(head -c 200 "$tmp/tty")"
fi
[ -z "$(ls -A "$tmp/t")" ] && ok "no temporary directory left" ||
	fail "left in TMPDIR: $(ls "$tmp/t")"

finish

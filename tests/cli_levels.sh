#!/bin/sh
# Levels above the county (DESIGN §1, §5): init --level, org export read back
# by org import, a county's bundle taken in at a prefecture (twice: nothing
# changes), a collision of codes refused naming both lines, a tampered bundle
# refused before anything is written, and a prefecture's bundle at a province.
. "${top_srcdir:-.}/tests/cli_lib.sh"

periods="$(month_from -11)..$(month_from -1)"

# --- init --level ---
run --lang en --db "$tmp/p.db" init --level prefecture --code 5301 --name 昆明市
expect_rc 0 "init --level prefecture"
expect_out "prefecture 昆明市 (5301)" "init names the level"
run --db "$tmp/p.db" org list
expect_out "5301	昆明市	prefecture" "the root is a prefecture"
run --lang en --db "$tmp/v.db" init --level province --code 53 --name 云南省
expect_rc 0 "init --level province"
run --db "$tmp/v.db" org list
expect_out "53	云南省	province" "the root is a province"
run --lang en --db "$tmp/x.db" init --level township --code 1 --name X
expect_rc 2 "init --level township"
expect_err "--level is county, prefecture or province" "a level that is not one"
[ -e "$tmp/x.db" ] && fail "a refused init left a file" || ok "a refused init leaves no file"
run --db "$tmp/c.db" init --code 530100000000 --name 某县
run --db "$tmp/c.db" org list
expect_out "530100000000	某县	county" "the default level is the county"

# --- org export writes what org import reads ---
run --db "$tmp/a.db" init --demo
run --db "$tmp/a.db" org export -o "$tmp/a-org.csv"
expect_rc 0 "org export -o"
head -n 1 "$tmp/a-org.csv" | tr -d '\r' >"$tmp/head"
[ "$(cat "$tmp/head")" = "code,name,kind,tier,parent,key_central,lead,supporting,opened,closed" ] &&
	ok "org export's header" || fail "org export's header: $(cat "$tmp/head")"
root=$(sed -n '2p' "$tmp/a-org.csv" | cut -d, -f1)
root_name=$(sed -n '2p' "$tmp/a-org.csv" | cut -d, -f2)
run --db "$tmp/r.db" init --code "$root" --name 待改名
run --lang en --db "$tmp/r.db" org import "$tmp/a-org.csv"
expect_rc 0 "org import of org export's file"
run --db "$tmp/r.db" org export
if cmp -s "$out" "$tmp/a-org.csv"; then ok "export → import → export gives the same file"
else fail "the round trip differs"; diff "$tmp/a-org.csv" "$out" | head; fi
run --db "$tmp/r.db" org list
expect_out "$root	$root_name	county" "the root renamed by the file"

# --- a county's bundle at a prefecture ---
run --lang en --db "$tmp/a.db" export --period "$periods" --bundle "$tmp/A"
expect_rc 0 "export --bundle"
for f in org.csv returns.csv manifest; do
	[ -f "$tmp/A/$f" ] && ok "the bundle holds $f" || fail "the bundle lacks $f"
done
want=$(sha256sum "$tmp/A/returns.csv" | cut -d' ' -f1)
grep -qx "sha256: $want" "$tmp/A/manifest" && ok "the manifest carries returns.csv's SHA-256" ||
	fail "the manifest lacks returns.csv's SHA-256"
run --lang en --db "$tmp/p.db" import --bundle "$tmp/A"
expect_rc 0 "import --bundle at a prefecture"
expect_out "units: imported 18, updated 0, unchanged 0" "the county's units come in"
rows=$(($(wc -l <"$tmp/A/returns.csv") - 1))
run --db "$tmp/p.db" org list
expect_out "$root	$root_name	county		5301" "the county hangs under the prefecture"
approved_a=$(sqlite3 "$tmp/a.db" "SELECT count(*) FROM submission WHERE state = 'approved'
	AND period BETWEEN $(month_from -11 %Y%m) AND $(month_from -1 %Y%m)")
approved_p=$(sqlite3 "$tmp/p.db" "SELECT count(*) FROM submission WHERE state = 'approved'")
[ "$approved_a" = "$approved_p" ] && ok "every approved return came up ($approved_p)" ||
	fail "approved returns: county $approved_a, prefecture $approved_p"
# The screens' figures of every month it brought are stored by the import
# (a prefecture's reviewer does not wait for them), each kind of them.
for kind in 1 2 4; do
	unstored=$(sqlite3 "$tmp/p.db" "SELECT count(DISTINCT period) FROM submission
		WHERE period NOT IN (SELECT period FROM figure_memo WHERE org_id = 0 AND kind = $kind)")
	[ "$unstored" = 0 ] && ok "import --bundle stored the figures (kind $kind) of every month" ||
		fail "import --bundle left $unstored months of figures (kind $kind) unstored"
done

# status at a prefecture: one line per county; --org opens the county's lines.
month=$(month_from -1)
run --lang en --db "$tmp/p.db" status --header
expect_out "period	code	name	kind	expected	submitted	approved" "status's header above the county"
expect_out "$month	$root	$root_name	county	" "status: the county is the row"
county_line=$(grep "^$month	$root	" "$out")
run --lang en --db "$tmp/p.db" status --org "$root"
expect_rc 0 "status --org the county"
lines=$(wc -l <"$out")
[ "$(echo "$county_line" | cut -f5)" = "$lines" ] &&
	ok "the county's line counts its institutions' $lines lines" ||
	fail "the county's line says $(echo "$county_line" | cut -f5) expected, --org lists $lines"
run --lang en --db "$tmp/a.db" status --org "$root" --quiet
[ "$(wc -l <"$out")" = "$lines" ] && ok "the county's own database has the same lines" ||
	fail "the county has $(wc -l <"$out") lines, the prefecture $lines"

# The dashboard's lines name each unit's level: the prefecture is not a county.
run --lang en --db "$tmp/p.db" dashboard --period "$month"
expect_rc 0 "dashboard at a prefecture"
expect_out "T1	prefecture	5301	" "dashboard: the prefecture's line"
expect_out "T1	county	$root	" "dashboard: the county's line"

# check, and the bulletin ranking the prefecture's counties.
run --lang en --db "$tmp/p.db" check --period "$month"
expect_rc 0 "check at a prefecture"
expect_err "checked 1 month" "check at a prefecture: its summary"
if grep -q '	DB	' "$out"; then fail "check at a prefecture: stored figures differ"
else ok "check at a prefecture: the stored figures are the returns'"; fi
if command -v pdftotext >/dev/null; then
	run --lang en --db "$tmp/p.db" bulletin --period "$month" -o "$tmp/p.pdf"
	expect_rc 0 "the bulletin at a prefecture"
	pdftotext -layout "$tmp/p.pdf" - | grep -E "^ *1 +$root_name" >/dev/null &&
		ok "the bulletin ranks the county" || fail "the bulletin does not rank the county"
fi

sum=$(fingerprint "$tmp/p.db")
run --lang en --db "$tmp/p.db" import --bundle "$tmp/A"
expect_rc 0 "the same bundle again"
expect_out "units: imported 0, updated 0, unchanged 18; values: imported 0, updated 0, unchanged $rows" \
	"the same bundle again: all unchanged"
expect_same "$tmp/p.db" "$sum" "the same bundle again"

# import on its own takes a county's returns at a prefecture too.
run --lang en --db "$tmp/p.db" import "$tmp/A/returns.csv"
expect_rc 0 "import of a county's returns at a prefecture"
expect_out "imported 0, updated 0, unchanged $rows" "the returns file on its own: unchanged"

# --- a collision: another county's file names a code county A holds ---
run --db "$tmp/b.db" init --code 530198000000 --name 白水县
printf 'code,name,kind,tier,parent\n530198100000,北区医共体,community,,530198000000\n' >"$tmp/b.csv"
printf '530198100001,白水县人民医院,hospital,secondary,530198100000\n' >>"$tmp/b.csv"
taken=$(grep -n ',township,' "$tmp/A/org.csv" | head -n 1)
taken_line=${taken%%:*}
taken_code=$(echo "${taken#*:}" | cut -d, -f1)
printf '%s,某镇卫生院,township,primary,530198100000\n' "$taken_code" >>"$tmp/b.csv"
run --db "$tmp/b.db" org import "$tmp/b.csv"
run --db "$tmp/b.db" export --period "$periods" --bundle "$tmp/B"
expect_rc 0 "county B's bundle"
b_line=$(grep -n "^$taken_code," "$tmp/B/org.csv" | cut -d: -f1)
run --lang en --db "$tmp/p.db" import --bundle "$tmp/B"
expect_rc 1 "a bundle whose code another county holds"
expect_err "$tmp/B/org.csv:$b_line: code $taken_code is already a unit of county" \
	"the collision names the new file's line"
expect_err "imported from $tmp/A/org.csv:$taken_line" "and the line it came from"
expect_same "$tmp/p.db" "$sum" "a collision"

# --- a tampered bundle is refused before anything is written ---
cp -R "$tmp/A" "$tmp/T"
sed -i '2s/$/ /' "$tmp/T/returns.csv"
run --lang en --db "$tmp/p.db" import --bundle "$tmp/T"
expect_rc 1 "a changed returns file"
expect_err "$tmp/T/returns.csv: its SHA-256 does not match the manifest" "the changed file named"
expect_same "$tmp/p.db" "$sum" "a changed file"
cp -R "$tmp/A" "$tmp/M"
# org.csv's digest (the first) made all zeros
sed -i '0,/^sha256: /s/^sha256: .*/sha256: '"$(printf '%064d' 0)"'/' "$tmp/M/manifest"
run --lang en --db "$tmp/p.db" import --bundle "$tmp/M"
expect_rc 1 "a changed manifest"
expect_err "org.csv: its SHA-256 does not match the manifest" "the file the manifest no longer fits"
expect_same "$tmp/p.db" "$sum" "a changed manifest"
rm "$tmp/M/manifest"
run --lang en --db "$tmp/p.db" import --bundle "$tmp/M"
expect_rc 1 "a bundle without its manifest"
expect_same "$tmp/p.db" "$sum" "no manifest"

# --- a prefecture's bundle at a province ---
run --lang en --db "$tmp/p.db" export --period "$periods" --bundle "$tmp/P"
expect_rc 0 "the prefecture's bundle"
run --lang en --db "$tmp/v.db" import --bundle "$tmp/P"
expect_rc 0 "import --bundle at a province"
expect_out "units: imported 19," "the prefecture and its county come in"
run --db "$tmp/v.db" org list
expect_out "5301	昆明市	prefecture		53" "the prefecture hangs under the province"
expect_out "$root	$root_name	county		5301" "the county stays under its prefecture"
run --lang en --db "$tmp/v.db" status
expect_out "$month	5301	昆明市	prefecture	" "status at a province: the prefecture is the row"
approved_v=$(sqlite3 "$tmp/v.db" "SELECT count(*) FROM submission WHERE state = 'approved'")
[ "$approved_v" = "$approved_p" ] && ok "every return came up to the province" ||
	fail "approved returns: prefecture $approved_p, province $approved_v"

finish

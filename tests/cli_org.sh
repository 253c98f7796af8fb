#!/bin/sh
# org import and org list: a good file in any order, a bad file refused
# whole with every bad line named, re-import changing nothing.
. "${top_srcdir:-.}/tests/cli_lib.sh"

db=$tmp/a.db
new_db "$db"

# Excel's BOM and CRLF, children before parents, quotes and commas in names.
printf '\357\273\277code,name,kind,tier,parent,key_central\r\n' >"$tmp/good.csv"
printf 'T2,"乙镇卫生院, 中心",township,primary,E1,1\r\n' >>"$tmp/good.csv"
printf 'V1,"甲村""卫生室""",village,,T2,0\r\n' >>"$tmp/good.csv"
printf 'E1,东区医共体,community,,000000000000,0\r\n' >>"$tmp/good.csv"
printf 'H1,县人民医院,hospital,secondary,E1,\r\n' >>"$tmp/good.csv"
printf 'C1,东城社区卫生服务中心,community_centre,primary,E1,0\r\n' >>"$tmp/good.csv"

run --lang en --db "$db" org import "$tmp/good.csv"
expect_rc 0 "org import of a good file"
expect_out "imported 5, updated 0, unchanged 0, rejected 0" "org import summary"
run --db "$db" org list
cat >"$tmp/want" <<'LIST'
000000000000	本县	county				
E1	东区医共体	community		000000000000	H1	
C1	东城社区卫生服务中心	community_centre	primary	E1		
H1	县人民医院	hospital	secondary	E1		
T2	乙镇卫生院, 中心	township	primary	E1		
V1	甲村"卫生室"	village		T2		
LIST
if cmp -s "$out" "$tmp/want"; then ok "org list: the tree in order, tab-separated"
else fail "org list differs:"; diff "$tmp/want" "$out"; fi
awk -F'\t' 'NF != 7 { bad = 1 } END { exit bad }' "$out" && ok "org list: seven columns" \
	|| fail "org list: a line without seven columns"

sum=$(fingerprint "$db")
run --lang en --db "$db" org import "$tmp/good.csv"
expect_rc 0 "re-import"
expect_out "imported 0, updated 0, unchanged 5, rejected 0" "re-import summary"
expect_same "$db" "$sum" "re-import"

# Chinese by default.
run --db "$db" org import "$tmp/good.csv"
expect_out "未变 5" "summary in Chinese by default"

sed 's/县人民医院/青山县人民医院/' "$tmp/good.csv" >"$tmp/rename.csv"
run --lang en --db "$db" org import "$tmp/rename.csv"
expect_out "imported 0, updated 1, unchanged 4, rejected 0" "a renamed unit is updated"
run --db "$db" org list
expect_out "H1	青山县人民医院	hospital" "the new name is stored"

# Every bad line reported with its number and reason; nothing imported.
cat >"$tmp/bad.csv" <<'CSV'
code,name,kind,tier,parent
B1,好单位,community,,000000000000
B2,坏类别,clinic,primary,B1
B3,坏层级,township,quaternary,B1
B4,孤儿,township,primary,NOPE
B1,重复,community,,000000000000
B5,少字段,township
B6,层级不符,township,secondary,B1
,无代码,township,primary,B1
B7,上级被拒,village,,B3
B8,"多行
名称",community,,000000000000
B9,多行之后,clinic,,B1
CSV
sum=$(fingerprint "$db")
run --lang en --db "$db" org import "$tmp/bad.csv"
expect_rc 1 "org import of a bad file"
for n in 3 4 5 6 7 8 9 10 11 13; do
	grep -q "bad.csv:$n: " "$err" && ok "bad line $n reported" || fail "bad line $n not reported"
done
grep -q "bad.csv:2: " "$err" && fail "the good line 2 was reported as bad"
grep -q "bad.csv:12: " "$err" && fail "line numbers drift after a quoted newline"
expect_err "kind 'clinic'" "unknown kind named"
expect_err "tier 'quaternary'" "unknown tier named"
expect_err "NOPE" "missing parent named"
expect_err "U+000A, is a control character" "a name with a line break refused"
expect_err "line 2" "duplicate code points at the first"
expect_out "rejected" "summary after a bad file"
expect_err "unchanged" "says the database is unchanged"
expect_same "$db" "$sum" "bad file"
run --db "$db" org list
grep -q '^B1	' "$out" && fail "a good line of a bad file was imported"

# Broken CSV, a wrong header, an empty or missing file.
printf 'code,name,kind,tier,parent\nX1,"unterminated,community,,000000000000\n' >"$tmp/broken.csv"
run --lang en --db "$db" org import "$tmp/broken.csv"
expect_rc 1 "unterminated quote"
expect_err "broken.csv:" "unterminated quote located"
printf 'code,name,type,tier,parent\nX1,甲,community,,000000000000\n' >"$tmp/header.csv"
run --lang en --db "$db" org import "$tmp/header.csv"
expect_rc 1 "wrong header"
expect_err "'type'" "wrong header named"
: >"$tmp/empty.csv"
run --lang en --db "$db" org import "$tmp/empty.csv"
expect_rc 1 "empty file"
run --lang en --db "$db" org import "$tmp/nonesuch.csv"
expect_rc 1 "missing file"
expect_err "nonesuch.csv" "missing file named"
run --lang en --db "$db" org import
expect_rc 2 "org import without a file"
printf 'code,name,kind,tier,parent\nS1,标准输入,community,,000000000000\n' |
	"$YIGONG" --lang en --db "$db" org import - >"$out" 2>"$err"
rc=$?
expect_rc 0 "org import from standard input"
expect_out "imported 1" "org import -"
sum=$(fingerprint "$db")

# Who leads and who supports a community (DESIGN §1): columns lead and
# supporting, set once every unit of the file is in place, in any order.
cat >"$tmp/support.csv" <<'CSV'
code,name,kind,tier,parent,lead,supporting
E1,东区医共体,community,,000000000000,H2,U1
H2,县中医医院,hospital,secondary,E1,,
U1,市第一人民医院,hospital,tertiary,000000000000,,
CSV
run --lang en --db "$db" org import "$tmp/support.csv"
expect_rc 0 "org import with lead and supporting"
expect_out "imported 2, updated 1, unchanged 0, rejected 0" "lead and supporting: summary"
run --db "$db" org list
expect_out "E1	东区医共体	community		000000000000	H2	U1" "org list shows lead and supporting"
sum=$(fingerprint "$db")
run --lang en --db "$db" org import "$tmp/support.csv"
expect_out "imported 0, updated 0, unchanged 3, rejected 0" "lead and supporting: re-import"
expect_same "$db" "$sum" "lead and supporting: re-import"
# A file without the columns leaves them; an empty cell clears.
run --lang en --db "$db" org import "$tmp/good.csv"
run --db "$db" org list
expect_out "E1	东区医共体	community		000000000000	H2	U1" "a file without the columns keeps them"
printf 'code,name,kind,tier,parent,supporting\nE1,东区医共体,community,,000000000000,\n' \
	>"$tmp/clear.csv"
run --lang en --db "$db" org import "$tmp/clear.csv"
expect_out "imported 0, updated 1, unchanged 0, rejected 0" "clearing the supporting hospital"
run --db "$db" org list
expect_out "E1	东区医共体	community		000000000000	H2	" "supporting cleared, lead kept"
# Wrong roles refused with the line and the reason; nothing changes.
cat >"$tmp/badsupport.csv" <<'CSV'
code,name,kind,tier,parent,lead,supporting
E1,东区医共体,community,,000000000000,U1,H1
T2,"乙镇卫生院, 中心",township,primary,E1,H1,
S1,标准输入,community,,000000000000,NOPE,
E1X,西区医共体,community,,000000000000,,T2
CSV
sum=$(fingerprint "$db")
run --lang en --db "$db" org import "$tmp/badsupport.csv"
expect_rc 1 "bad lead or supporting hospital"
expect_err "badsupport.csv:2: community E1: the lead hospital U1 must be one of its own" \
	"a lead from outside the community refused"
expect_err "badsupport.csv:3: org T2 is not a medical community" "a lead on a township refused"
expect_err "badsupport.csv:4: community S1: the lead hospital \"NOPE\" does not exist" \
	"an unknown lead refused"
expect_err "badsupport.csv:5: community E1X: supporting urban tertiary hospital T2 is not a hospital" \
	"a township as supporting hospital refused"
expect_same "$db" "$sum" "bad lead or supporting hospital"
printf 'code,name,kind,tier,parent,supporting\nE1,东区医共体,community,,000000000000,H1\n' \
	>"$tmp/secondary.csv"
run --lang en --db "$db" org import "$tmp/secondary.csv"
expect_err "the supporting hospital H1 must be tertiary" "a secondary supporting hospital refused"

# Only an admin imports units.
run --db "$db" user add wangfang --role clerk --org T2
sum=$(fingerprint "$db")
run --lang en --db "$db" --as wangfang org import "$tmp/rename.csv"
expect_rc 1 "org import as a clerk"
expect_same "$db" "$sum" "org import as a clerk"

finish

#!/bin/sh
# Roster files and the targets that read them, end to end through the
# program: org import names who leads and who supports, records import loads
# a lead hospital's posting list (Excel's BOM, CRLF, Chinese choice names,
# GB18030), all or nothing, idempotent and scope-checked; import loads the
# returns; check then gives T1-T5 and T12 per tier, per mode and per date,
# printing only misses unless --all.
. "${top_srcdir:-.}/tests/cli_lib.sh"

db=$tmp/a.db
new_db "$db"

# A small county: E1 led by H1 and supported by the city's U1; W1 led by H2,
# no supporting hospital.  T1 is a key central township.
cat >"$tmp/units.csv" <<'CSV'
code,name,kind,tier,parent,key_central,lead,supporting
E1,东区医共体,community,,000000000000,0,H1,U1
H1,县人民医院,hospital,secondary,E1,0,,
T1,甲镇中心卫生院,township,primary,E1,1,,
T2,乙镇卫生院,township,primary,E1,0,,
U1,市第一人民医院,hospital,tertiary,000000000000,0,,
W1,西区医共体,community,,000000000000,0,,
H2,县中医医院,hospital,secondary,W1,0,,
T3,丙镇卫生院,township,primary,W1,1,,
CSV
run --lang en --db "$db" org import "$tmp/units.csv"
expect_out "imported 8" "the county's units"

# --- records import: the lead hospital's list as Excel saves it.
hdr='doctor_name,licence_no,sending_org,title,mode,profession,specialty,receiving_org,start_date,planned_end_date,actual_end_date'
{
	printf '\357\273\277%s\r\n' "$hdr"
	# Two lead-hospital doctors handing over at T1 (joining up), Chinese names.
	printf '张一,L1,H1,主治医师,派驻,医疗,内科,T1,2025-08-01,2025-09-15,\r\n'
	printf '李二,L2,H1,attending,resident,medical,外科,T1,2025-09-16,2026-03-31,\r\n'
	# A circuit doctor at T2 for September only: T2 counts any mode.
	printf '王三,L3,H1,attending,circuit,medical,内科,T2,2025-09-01,2025-09-30,\r\n'
	# The supporting hospital's batch at E1: a physician, a nurse, a manager.
	printf '赵四,X1,U1,chief,resident,medical,心内科,T1,2025-09-01,2026-02-28,\r\n'
	printf '钱五,X2,U1,intermediate,resident,nursing,护理部,H1,2025-09-01,2026-03-31,\r\n'
	printf '孙六,X3,U1,associate_senior,resident,management,医务科,T2,2025-09-01,2026-03-31,\r\n'
	# A junior pharmacist does not count for T4; a batch one day short of
	# six months misses T5.
	printf '周七,X4,U1,junior,resident,pharmacy,药剂科,T2,2025-09-01,2026-03-31,\r\n'
	printf '吴八,X5,U1,chief,resident,medical,骨科,T1,2025-10-01,2026-03-30,\r\n'
} >"$tmp/postings.csv"
run --lang en --db "$db" records import "$tmp/postings.csv"
expect_rc 0 "records import of a good file"
expect_out "imported 8, updated 0, unchanged 0, rejected 0" "records import summary"
sum=$(fingerprint "$db")
run --lang en --db "$db" records import "$tmp/postings.csv"
expect_out "imported 0, updated 0, unchanged 8, rejected 0" "records import again"
expect_same "$db" "$sum" "records import again"

# Export writes what import reads: stable values, the field keys as header.
run --db "$db" records export --form sentdown -o "$tmp/out.csv"
expect_rc 0 "records export"
head -n 1 "$tmp/out.csv" | tr -d '\r' | grep -qx "$hdr" && ok "records export header" ||
	fail "records export header: $(head -n 1 "$tmp/out.csv")"
grep -q '^张一,L1,H1,attending,resident,medical,内科,T1,2025-08-01,2025-09-15,' "$tmp/out.csv" &&
	ok "records export values" || fail "records export values: $(sed -n 2p "$tmp/out.csv")"
run --lang en --db "$db" records import "$tmp/out.csv"
expect_out "imported 0, updated 0, unchanged 8, rejected 0" "export then import changes nothing"

# A changed line updates its record (found by licence and start date).
sed 's/^李二,L2,H1,attending,resident,medical,外科,T1,2025-09-16,2026-03-31,/李二,L2,H1,attending,resident,medical,外科,T1,2025-09-16,2026-04-30,/' \
	"$tmp/postings.csv" >"$tmp/changed.csv"
run --lang en --db "$db" records import "$tmp/changed.csv"
expect_out "imported 0, updated 1, unchanged 7, rejected 0" "a changed posting is updated"

# GB18030, as Excel on a Chinese Windows saves "CSV".
printf '%s\n郑九,L9,H2,主任医师,远程医疗,医疗,内科,T3,2025-11-01,2025-11-30,\n' "$hdr" |
	iconv -f UTF-8 -t GB18030 >"$tmp/gb.csv"
run --lang en --db "$db" records import "$tmp/gb.csv"
expect_out "imported 1, updated 0, unchanged 0, rejected 0" "a GB18030 file"
run --db "$db" records export --form sentdown
expect_out "郑九,L9,H2,chief,remote,medical,内科,T3" "the GB18030 names stored as UTF-8"

# Bad lines: each named with its number and reason; nothing stored.
{
	echo "$hdr"
	echo '甲,B1,H1,attending,resident,medical,内科,T1,2025-05-01,2025-04-30,'
	echo '乙,B2,NOPE,attending,resident,medical,内科,T1,2025-05-01,2025-06-30,'
	echo '丙,L1,H1,attending,resident,medical,内科,T2,2025-09-01,2025-09-30,'
	echo '丁,B4,H1,professor,resident,medical,内科,T1,2025-05-01,2025-06-30,'
	echo '戊,B5,H1,attending,walking,medical,内科,T1,2025-05-01,2025-06-30,'
	echo '己,B6,H1,attending,resident,medical,内科,T1,2025-13-01,2025-06-30,'
	echo '庚,B7,H1,attending,resident'
	echo '辛,B8,H1,attending,resident,medical,内科,T1,2025-05-01,2025-06-30,'
} >"$tmp/bad.csv"
sum=$(fingerprint "$db")
run --lang en --db "$db" records import "$tmp/bad.csv"
expect_rc 1 "records import of a bad file"
for n in 2 3 4 5 6 7 8; do
	grep -q "bad.csv:$n: " "$err" && ok "bad line $n reported" || fail "bad line $n not reported"
done
grep -q "bad.csv:9: " "$err" && fail "the good line 9 was reported"
expect_err "before the start" "end before start named (D1)"
expect_err "NOPE" "unknown sending hospital named (D4)"
expect_err "overlaps" "a doctor posted twice at once named (D5)"
expect_err "professor" "an unknown title named"
expect_out "imported 0, updated 0, unchanged 0, rejected 7" "bad file summary"
expect_err "unchanged" "says the database is unchanged"
expect_same "$db" "$sum" "bad file"
printf 'doctor_name,licence,start_date\n' >"$tmp/header.csv"
run --lang en --db "$db" records import "$tmp/header.csv"
expect_rc 1 "a header of no roster"
expect_err "header.csv:1: " "the header line named"

# Scope: a clerk of T3 may not file a posting to T1.
run --db "$db" user add clk3 --role clerk --org T3
printf '%s\n癸,C1,H1,attending,resident,medical,内科,T1,2025-05-01,2025-06-30,\n' "$hdr" \
	>"$tmp/scope.csv"
run --lang en --db "$db" --as clk3 records import "$tmp/scope.csv"
expect_rc 1 "a posting outside the clerk's scope"
expect_err "scope.csv:2: " "the line outside the scope named"
run --db "$db" --as clk3 records export --form sentdown
[ "$(grep -c . "$out")" = 2 ] && ok "a clerk exports only their own roster" ||
	fail "the clerk's export: $(cat "$out")"

# --- returns through import: the sentdown returns of August-October
# 2025 (drafts, whose figures are derived afresh from the roster; a
# submitted return keeps the figures it was submitted with), staffing of
# the hospital H1, procurement settlements.
{
	echo 'dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted,status'
	for p in 202508 202509 202510; do
		for u in T1 T2 T3; do
			echo "sentdown.postings_active,$p,$u,,,0,x,2025-11-01T00:00:00+08:00,,false,false,draft"
		done
	done
	echo 'staffing.public_health_physicians,202510,H1,,,0,x,2025-11-01T00:00:00+08:00,,false,false,submitted'
	echo 'staffing.public_health_physicians,202510,T1,,,1,x,2025-11-01T00:00:00+08:00,,false,false,submitted'
	echo 'procurement.payments,202510,T1,,,5,x,2025-11-01T00:00:00+08:00,,false,false,submitted'
	echo 'procurement.payments_late,202510,T1,,,1,x,2025-11-01T00:00:00+08:00,,false,false,submitted'
	echo 'procurement.payments,202510,T2,,,0,x,2025-11-01T00:00:00+08:00,,false,false,submitted'
	echo 'procurement.payments_late,202510,T2,,,0,x,2025-11-01T00:00:00+08:00,,false,false,submitted'
	echo 'procurement.payments,202510,H1,,,7,x,2025-11-01T00:00:00+08:00,,false,false,submitted'
	echo 'procurement.payments_late,202510,H1,,,0,x,2025-11-01T00:00:00+08:00,,false,false,submitted'
} >"$tmp/returns.csv"
run --lang en --db "$db" import "$tmp/returns.csv"
expect_rc 0 "import of the returns"

# verdict PERIOD UNIT FORM RULE SEVERITY: check --all says so.
run --lang en --db "$db" check --all --period 2025-08..2025-10
cp "$out" "$tmp/all"
verdict() {
	if awk -F'\t' -v p="$1" -v u="$2" -v f="$3" -v r="$4" -v s="$5" \
		'$1 == p && $2 == u && $3 == f && $4 == r && $5 == s { found = 1 }
		END { exit !found }' "$tmp/all"; then
		ok "$1 $2 $4: $5"
	else
		fail "$1 $2 $4 is not $5: $(awk -F'\t' -v p="$1" -v u="$2" -v r="$4" \
			'$1 == p && $2 == u && $4 == r' "$tmp/all")"
	fi
}
# Tibet's targets are in force from 2025-09 (seed 004 完成时限).
verdict 2025-08 T1 sentdown T2 not-in-force
verdict 2025-08 T1 sentdown T3 not-in-force
verdict 2025-08 E1 sentdown T4 not-in-force
# September: the hand-over joins up (T2 and T3 met at the key central T1);
# a circuit doctor serves T2 at T2; nobody from the lead hospital at T3.
verdict 2025-09 T1 sentdown T2 met
verdict 2025-09 T1 sentdown T3 met
verdict 2025-09 T2 sentdown T2 met
verdict 2025-09 T3 sentdown T2 target
verdict 2025-09 T3 sentdown T3 target
# T4: physician, nurse and manager of U1 (the junior pharmacist not); W1
# names no supporting hospital.
verdict 2025-09 E1 sentdown T4 met
verdict 2025-09 W1 sentdown T4 n/a
# October: the circuit doctor has gone; at T1 only the lead's L2 (X5 is U1's).
verdict 2025-10 T2 sentdown T2 target
verdict 2025-10 T1 sentdown T3 met
# T5 on U1's batches only, under the month they start.
verdict 2025-09 T1 posting T5 met
verdict 2025-10 T1 posting T5 target
awk -F'\t' '$4 == "T5" && $2 == "T1" && $1 == "2025-08"' "$tmp/all" | grep -q . &&
	fail "the lead hospital's rotation was judged by T5"
# T1 for a hospital too; T12 on single late settlements, n/a without any.
verdict 2025-10 H1 staffing T1 target
verdict 2025-10 T1 staffing T1 met
verdict 2025-10 T1 procurement T12 target
verdict 2025-10 H1 procurement T12 met
verdict 2025-10 T2 procurement T12 n/a
grep -q "not in force [1-9]" "$err" && ok "the summary counts not in force" ||
	fail "summary: $(cat "$err")"

# Without --all: the misses only, and each is one of --all's.
run --lang en --db "$db" check --period 2025-08..2025-10
awk -F'\t' '$5 == "met" || $5 == "n/a" || $5 == "not-in-force"' "$out" | grep -q . &&
	fail "plain check printed a met, n/a or not-in-force line"
grep -P '\ttarget\t' "$out" >"$tmp/misses"
grep -P '\ttarget\t' "$tmp/all" | cmp -s - "$tmp/misses" && ok "check's misses are --all's" ||
	fail "check and check --all differ on the misses"

# A threshold moved from a month applies from it: T3 at 2 from 2025-10.
sqlite3 "$db" "UPDATE target SET valid_to = 202509 WHERE id = 'T3';
	INSERT INTO target(id, tier, valid_from, threshold, unit, source)
	VALUES ('T3', '', 202510, 2, 'count', 'test')"
run --lang en --db "$db" check --all --period 2025-09..2025-10
cp "$out" "$tmp/all"
verdict 2025-09 T1 sentdown T3 met
verdict 2025-10 T1 sentdown T3 target

# --explain quotes the seed, names its file and section.
run --db "$db" check --explain T4
expect_rc 0 "check --explain T4"
expect_out "开展帮扶的城市公立三级医院对县域医共体至少要派出3名以上专家" "T4's seed sentence"
expect_out "seeds/004_4c65f41c6f8b148d.txt" "T4's seed file"
expect_out "二(二)" "T4's section"
run --lang en --db "$db" check --explain T99
expect_rc 2 "check --explain of no target"

finish

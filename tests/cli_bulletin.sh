#!/bin/sh
# yigong bulletin: the monthly bulletin (月度通报) as an A4 PDF, read back with
# poppler's tools: it opens, embeds its Chinese font, names the county, the
# month, the late and missing returns and the ranks, and is not blank.
. "${top_srcdir:-.}/tests/cli_lib.sh"
for t in pdfinfo pdftotext pdffonts pdftoppm; do
	command -v $t >/dev/null || { echo "SKIP: $t (poppler-utils) not installed"; exit 77; }
done

db=$tmp/demo.db
run init --demo --db "$db"
expect_rc 0 "init --demo"
last=$(month_from -1)
label=$(month_from -1 '%Y年%-m月')
pdf=$tmp/b.pdf

run --db "$db" bulletin --period "$last" -o "$pdf"
expect_rc 0 "bulletin"
grep -q "$pdf" "$err" && ok "it says where the file went" || fail "no path in the message"
pdfinfo "$pdf" >"$tmp/info" 2>&1 && ok "the PDF opens" || fail "pdfinfo: $(cat "$tmp/info")"
grep -q '^Page size: *595.28 x 841.89 pts (A4)' "$tmp/info" && ok "A4" || fail "not A4"
grep -q "^Title: *青山县 $label" "$tmp/info" && ok "titled with county and month" ||
	fail "title: $(grep Title "$tmp/info")"
pages=$(awk '/^Pages:/ { print $2 }' "$tmp/info")
[ "${pages:-0}" -ge 2 ] && ok "$pages pages" || fail "pages: $pages"
pdffonts "$pdf" >"$tmp/fonts" 2>&1
awk 'NR > 2 && $1 ~ /CJK/ && $(NF-4) == "yes" { f = 1 } END { exit !f }' "$tmp/fonts" &&
	ok "a CJK font is embedded" || fail "no embedded CJK font: $(cat "$tmp/fonts")"
pdftotext -layout "$pdf" "$tmp/text"
grep -Eq "第 *$pages *页 */ *共 *$pages *页" "$tmp/text" && ok "numbered pages" || fail "no page numbers"
for s in "青山县" "$label" "报送情况" "目标完成情况" "目标走势" "综合排名" "综合得分 = 50"; do
	grep -qF -- "$s" "$tmp/text" && ok "says: $s" || fail "does not say: $s"
done

# The figures are the status command's: every late and missing return named,
# and the count of returns left out because they are not yet approved.
"$YIGONG" --lang en --db "$db" status --period "$last" | head -n -1 >"$tmp/status"
awk -F'\t' '$7 == "missing" || $7 == "late" { print $3 }' "$tmp/status" | sort -u >"$tmp/named"
[ -s "$tmp/named" ] || fail "the demo has no late or missing return"
while read -r name; do
	grep -qF -- "$name" "$tmp/text" || fail "late or missing $name is not named"
done <"$tmp/named"
ok "every institution with a late or missing return is named"
left=$(awk -F'\t' '$5 == "submitted" || $5 == "returned" || $5 == "reopened"' "$tmp/status" | wc -l)
grep -qF "尚未审核的 $left 份" "$tmp/text" && ok "$left returns left out, and said so" ||
	fail "the left-out count is not $left: $(grep -F 尚未审核 "$tmp/text")"
# The filing rank: the first row has the best on-time share.
best=$(awk -F'\t' '{ n[$2]++; if ($7 == "on-time") t[$2]++ }
	END { for (o in n) { r = t[o] / n[o]; if (r > m) m = r } for (o in n) if (t[o] / n[o] == m) print o }' \
	"$tmp/status")
first=$(awk '$1 == "1" && $3 ~ /^[0-9]+$/ { print $3; exit }' "$tmp/text")
echo "$best" | grep -qx -- "$first" && ok "rank 1 by timeliness is $first" ||
	fail "rank 1 is $first, best on time: $best"

# Not blank: page 1 has dark pixels.
pdftoppm -gray -r 20 -f 1 -l 1 "$pdf" "$tmp/page"
dark=$(tail -c +16 "$tmp"/page*.pgm | od -An -v -tu1 | tr -s ' ' '\n' | awk '$1 != "" && $1 < 128' | wc -l)
[ "$dark" -gt 200 ] && ok "page 1 is not blank ($dark dark pixels)" || fail "page 1 looks blank"

# English, and one community.
run --lang en --db "$db" bulletin --period "$last" --org 530199100000 -o "$tmp/en.pdf"
expect_rc 0 "bulletin --org, English"
pdftotext "$tmp/en.pdf" - | grep -q "monthly bulletin" && ok "English" || fail "not English"
pdftotext "$tmp/en.pdf" - | grep -q "松林乡卫生院" && fail "another community's institution" ||
	ok "--org keeps to the community"

# Refusals leave nothing behind.
run --db "$db" bulletin --period "$last" --org 999 -o "$tmp/x.pdf"
expect_rc 1 "an unknown unit"
run --db "$db" bulletin --period "$last" --org 530199101000 -o "$tmp/x.pdf"
expect_rc 1 "an institution is not a bulletin's unit"
run --db "$db" bulletin --period 2026-13
expect_rc 2 "a malformed period"
run --db "$db" bulletin --period "$last" -o "$tmp/nodir/x.pdf"
expect_rc 1 "a directory that is not there"
run --db "$db" --as wangfang bulletin --period "$last" -o "$tmp/x.pdf"
expect_rc 1 "a clerk has no county to report on"
ls -A "$tmp" | grep -q yigong-bulletin && fail "a temporary file was left" || ok "no temporary left"
[ -e "$tmp/x.pdf" ] && fail "a refused bulletin left a file" || ok "no file from a refusal"
finish

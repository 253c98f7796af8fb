#!/bin/sh
# export → import → export through the real binary: identical files, the
# manifest's digest, a second import changing nothing, the encodings, a dry
# run, and backups.
. "${top_srcdir:-.}/tests/cli_lib.sh"
. "${top_srcdir:-.}/tests/csv_lib.sh"

a=$tmp/a.db b=$tmp/b.db
demo_pair "$a" "$b"

run --lang en --db "$a" export --period "$ALL" -o "$tmp/a.csv"
expect_rc 0 "export -o"
expect_err "exported" "export says what it wrote"
rows=$(($(wc -l <"$tmp/a.csv") - 1))
[ "$rows" -gt 100 ] && ok "export wrote $rows rows" || fail "export wrote $rows rows"
head -n 1 "$tmp/a.csv" | tr -d '\r' >"$tmp/header"
echo "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted,status" >"$tmp/want"
expect_same_file "$tmp/want" "$tmp/header" "long header is DHIS2's eleven columns and status"
if grep -q 'posting\.\|referral\.' "$tmp/a.csv"; then fail "records leaked into the long format"
else ok "no record fields in the long format"; fi
if tail -n +2 "$tmp/a.csv" | tr -d '\r' | grep -v ',approved$' |
	grep -v '^sentdown\.tertiary_experts_resident,' | grep -q .; then fail "unapproved rows exported"
else ok "only approved returns"; fi
# Each medical community's own figure goes upward on the community's line.
grep -q '^sentdown\.tertiary_experts_resident,[0-9]*,[0-9]*,,,[0-9][0-9]*,' "$tmp/a.csv" &&
	ok "community figures (tertiary_experts_resident) exported" ||
	fail "no community figure in the long export"
grep -q '^procurement\.drug_amount,[0-9]*,[^,]*,,,[0-9]*\.[0-9][0-9],' "$tmp/a.csv" &&
	ok "amounts in yuan with two decimals" || fail "amounts are not yuan with two decimals"

# The keys of 0.2 (DESIGN 3.5 "Additions") travel like the others, and come
# back through import below.
for k in services.visits services.village_visits services.drug_revenue \
	insurance.fund_budget insurance.inpatients_out_of_county familydoc.followed_up \
	familydoc.infectious_signed familydoc.hyperlipidaemia; do
	grep -q "^$k," "$tmp/a.csv" || fail "no $k in the long export"
done
ok "the keys of 0.2 are exported"
sum=$(sha256sum "$tmp/a.csv" | cut -d' ' -f1)
grep -q "^sha256: $sum\$" "$tmp/a.csv.manifest" && ok "manifest holds the file's SHA-256" ||
	fail "manifest SHA-256 is not sha256sum's"
grep -q "^rows: $rows\$" "$tmp/a.csv.manifest" && ok "manifest counts the rows" ||
	fail "manifest rows"
grep -q "^institutions: [1-9]" "$tmp/a.csv.manifest" && grep -q "^generated_by: $me\$" \
	"$tmp/a.csv.manifest" && ok "manifest names institutions and who" || fail "manifest fields"

run --db "$a" export --period "$ALL"
expect_same_file "$tmp/a.csv" "$out" "export to standard output is the same file"
ls -A "$tmp" | grep -q '^\.a\.csv' && fail "a temporary left behind" || ok "no temporary left"

before=$(fingerprint "$b")
run --lang en --db "$b" import --dry-run "$tmp/a.csv"
expect_rc 0 "dry run"
expect_out "imported $rows, updated 0, unchanged 0, rejected 0" "dry run counts"
expect_same "$b" "$before" "dry run"

run --lang en --db "$b" import "$tmp/a.csv"
expect_rc 0 "import"
expect_out "imported $rows, updated 0, unchanged 0, rejected 0" "import summary"
after=$(fingerprint "$b")
run --lang en --db "$b" import "$tmp/a.csv"
expect_rc 0 "import again"
expect_out "imported 0, updated 0, unchanged $rows, rejected 0" "second import changes nothing"
expect_same "$b" "$after" "second import"
run --db "$b" export --period "$ALL" -o "$tmp/b.csv"
expect_same_file "$tmp/a.csv" "$tmp/b.csv" "export -> import -> export gives the same file"

# Encodings: GB18030 decodes back to the UTF-8 file; a BOM file imports.
run --db "$a" export --period "$ALL" --format wide -o "$tmp/w.csv"
expect_rc 0 "wide export"
grep -q "机构名称" "$tmp/w.csv" && ok "wide headers in Chinese by default" || fail "wide headers"
run --db "$a" export --period "$ALL" --format wide --encoding gb18030 -o "$tmp/w-gb.csv"
expect_rc 0 "wide export in GB18030"
if cmp -s "$tmp/w.csv" "$tmp/w-gb.csv"; then fail "GB18030 file is the UTF-8 file"; fi
iconv -f GB18030 -t UTF-8 "$tmp/w-gb.csv" >"$tmp/w-back.csv"
expect_same_file "$tmp/w.csv" "$tmp/w-back.csv" "GB18030 decodes back equal"
run --lang en --db "$a" export --period "$ALL" --format wide -o "$tmp/w-en.csv"
grep -q "^code,institution,month," "$tmp/w-en.csv" && ok "--lang en headers" || fail "en headers"
run --db "$a" export --period "$ALL" --encoding utf-8-bom -o "$tmp/bom.csv"
[ "$(head -c 3 "$tmp/bom.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] && ok "BOM written" ||
	fail "no BOM"
run --lang en --db "$b" import "$tmp/bom.csv"
expect_out "imported 0, updated 0, unchanged $rows, rejected 0" "a BOM file imports"
run --db "$a" export --period "$ALL" --format wide --form referral -o "$tmp/ref.csv"
expect_rc 0 "referral records, wide"
[ "$(wc -l <"$tmp/ref.csv")" -gt 1 ] && ok "referral records exported" || fail "no referrals"

# Backups.
run --db "$a" backup "$tmp/copy.db"
expect_rc 0 "backup"
[ "$(sqlite3 "$tmp/copy.db" 'SELECT count(*) FROM value')" = \
  "$(sqlite3 "$a" 'SELECT count(*) FROM value')" ] && ok "backup holds the values" ||
	fail "backup differs"
run --db "$tmp/copy.db" export --period "$ALL" -o "$tmp/copy.csv"
expect_same_file "$tmp/a.csv" "$tmp/copy.csv" "the backup exports the same file"
run --lang en --db "$a" backup "$tmp/copy.db"
expect_rc 1 "backup over an existing file"
expect_err "already exists" "backup refuses to overwrite"
finish

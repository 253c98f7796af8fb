#!/bin/sh
# The message catalogue: every po file is well formed (msgfmt --check-format:
# a translation takes the same printf arguments as its English), and zh_CN
# translates every message the sources mark for translation — none missing,
# empty or fuzzy — with no entry the sources no longer use.
set -u
src=${top_srcdir:-.}
for t in msgfmt msgcmp xgettext; do
	command -v $t >/dev/null || { echo "po_catalogue: $t not found (Debian package gettext)"; exit 1; }
done
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
for l in $(cat "$src/po/LINGUAS"); do
	if ! msgfmt --check-format -o /dev/null "$src/po/$l.po"; then
		echo "FAIL: po/$l.po: msgfmt --check-format"
		fail=1
	fi
done
"$src/po/xgettext.sh" "$src" "$tmp/now.pot" || { echo "FAIL: xgettext"; exit 1; }
# Missing, empty or fuzzy translations.
if ! msgcmp "$src/po/zh_CN.po" "$tmp/now.pot"; then
	echo "FAIL: po/zh_CN.po lacks translations (run make update-po, then translate)"
	fail=1
fi
# Entries the sources no longer use, kept or marked obsolete.
if ! msgcmp --use-untranslated --use-fuzzy "$tmp/now.pot" "$src/po/zh_CN.po" ||
		grep -q '^#~' "$src/po/zh_CN.po"; then
	echo "FAIL: po/zh_CN.po has obsolete entries (run make update-po and drop them)"
	fail=1
fi
[ $fail -eq 0 ] && echo "po_catalogue: ok"
exit $fail

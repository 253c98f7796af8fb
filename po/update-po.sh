#!/bin/sh
# update-po.sh SRCDIR — regenerates po/yigong.pot from the sources and
# merges it into every language of po/LINGUAS (new messages arrive
# untranslated; translate them, then `make check` tells what is missing).
set -eu
src=$1
"$src/po/xgettext.sh" "$src" "$src/po/yigong.pot"
for l in $(cat "$src/po/LINGUAS"); do
	if [ -f "$src/po/$l.po" ]; then
		msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-wrap \
			--sort-by-file "$src/po/$l.po" "$src/po/yigong.pot"
	else
		msginit --no-translator --no-wrap --locale="$l.UTF-8" \
			--input="$src/po/yigong.pot" --output-file="$src/po/$l.po"
	fi
done

#!/bin/sh
# xgettext.sh SRCDIR OUT.pot — extracts every message marked for translation
# under SRCDIR into OUT.pot.  The one list of keywords: `make update-po`
# and the catalogue test both call this.
#
#   _("...")                 translated where it is used
#   N_("...")                marked in a static table, translated when shown
#   yg_fail(code, "...")     kept in every language, so it translates itself
#   yg_findings_add(.., "...") and the helpers below likewise
set -eu
src=$1
out=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
cd "$src"
files=$(find core forms cli tui pdf tests -name '*.[ch]' | LC_ALL=C sort)
# shellcheck disable=SC2086
xgettext --force-po --language=C --from-code=UTF-8 --sort-by-file --no-wrap \
	--package-name=yigong --msgid-bugs-address=none \
	--keyword --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
	--keyword=yg_fail:2 --flag=yg_fail:2:c-format \
	--keyword=yg_findings_add:5 --flag=yg_findings_add:5:c-format \
	--keyword=field_msg:2 --flag=field_msg:2:c-format \
	--keyword=say_dates:4 --flag=say_dates:4:c-format \
	--flag=_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
	--flag=cmd_error:1:c-format --flag=cmd_usage:2:c-format --flag=cmd_summary:2:c-format \
	--flag=ui_flash:2:c-format --flag=refuse:3:c-format --flag=bad:3:c-format \
	--flag=problem:3:c-format --flag=yg_asprintf:1:c-format \
	--flag=printf:1:c-format --flag=fprintf:2:c-format --flag=snprintf:3:c-format \
	-o "$out" $files
# A pot's creation date would make every run a change.
sed -i '/^"POT-Creation-Date:/d' "$out"

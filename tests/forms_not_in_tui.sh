#!/bin/sh
# The screens and commands know forms only through their specs (struct
# yg_form: short names, roster, activity, home letter): no file of cli/,
# tui/ or pdf/ names a form key as a string, so that a new form is one file in forms/
# plus its data rows.  The keys are those of the specs in forms/*.c.
set -eu
top=${top_srcdir:-.}

# The .key of every `const struct yg_form form_X = {` (not of its fields).
keys=$(awk '/^const struct yg_form [a-z_]+ = \{/ { spec = 1; next }
	spec && /^\t\.key = "/ { sub(/^\t\.key = "/, ""); sub(/".*/, ""); print; spec = 0 }' \
	"$top"/forms/*.c)
[ -n "$keys" ] || { echo "no form keys found in $top/forms/*.c"; exit 1; }
n=$(echo "$keys" | wc -l)
[ "$n" -ge 10 ] || { echo "only $n form keys found: $keys"; exit 1; }

bad=0
for k in $keys; do
	# "key" as a whole string, or "key. …" starting an element name.
	if hits=$(ls "$top"/cli/*.c "$top"/tui/*.c "$top"/pdf/*.c |
	    xargs grep -nF -e "\"$k\"" -e "\"$k." 2>/dev/null); then
		echo "form key \"$k\" named in the program (say it in the form's spec instead):"
		echo "$hits"
		bad=1
	fi
done
[ "$bad" = 0 ] && echo "ok: $n form keys, none named in cli/, tui/ or pdf/"
exit "$bad"

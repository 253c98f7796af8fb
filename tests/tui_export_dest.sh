#!/bin/sh
# The export screen at 80 columns: every option reads whole; the file lands
# in the export directory (YIGONG_EXPORT_DIR, else the home directory), not
# the server's working directory, and its full path is shown.  The grid's
# key line names e (export).
. "$top_srcdir/tests/tui_lib.sh"

tui_init
YIGONG_EXPORT_DIR=$tmp/exports
export YIGONG_EXPORT_DIR
mkdir -p "$YIGONG_EXPORT_DIR" || fail "mkdir"
name="yigong-$(month_from -1 %Y%m).csv"

tui_start
wait_for "审核 "
screen | tail -1 | grep -q "e 导出" || fail "the grid's key line does not name e"
keys e
wait_for "导出 CSV"
wait_for "每值一行 long"
screen | grep -q "$tmp/exports/" || fail "the file is not offered in the export directory"
keys F2
wait_for "已导出"
wait_for "$YIGONG_EXPORT_DIR/$name"
[ -s "$YIGONG_EXPORT_DIR/$name" ] || fail "the export is not in the export directory"
[ -s "$YIGONG_EXPORT_DIR/$name.manifest" ] || fail "the manifest is not beside it"
keys Enter
wait_gone "已导出 ---"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
echo PASS

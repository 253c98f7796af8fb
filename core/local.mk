# libyigong: storage, identity, lifecycle, audit, rules engine.  No curses.
noinst_LIBRARIES += core/libyigong.a
core_libyigong_a_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
core_libyigong_a_SOURCES = \
	core/yigong.h core/yigong-spi.h core/internal.h \
	core/error.c core/util.c core/clock.c core/values.c core/tempfile.c core/sql.c core/db.c core/access.c core/org.c \
	core/settings.c core/targets.c core/integrity.c \
	core/user.c core/form.c core/findings.c core/findings_stored.c core/submission.c \
	core/record.c core/frozen.c core/outlier.c core/audit.c core/status.c core/memo.c core/text.c \
	core/restore.c core/statusfmt.c core/statusfmt.h
nodist_core_libyigong_a_SOURCES = core/embedded.c
# CSV returns upward: export, import, manifests, backups.
core_libyigong_a_SOURCES += core/yg_csv.h core/csv_internal.h core/sha256.c \
	core/csv_out.c core/csv_fields.c core/csv_export.c core/csv_import.c \
	core/csv_manifest.c core/csv_read.c core/org_import.c \
	core/org_export.c core/bundle.c
# The xlsx export: the wide layout as a workbook (libxlsxwriter).
core_libyigong_a_SOURCES += core/xlsx_export.c
# Roster files.
core_libyigong_a_SOURCES += core/csv_records.c

# CSV returns upward (issue 5): export, import, manifests, backups.
core_libyigong_a_SOURCES += core/yg_csv.h core/csv_internal.h core/sha256.c \
	core/csv_out.c core/csv_fields.c core/csv_export.c core/csv_import.c \
	core/csv_manifest.c core/csv_read.c core/org_import.c \
	core/org_export.c core/bundle.c
# The xlsx export (issue 15): the wide layout as a workbook (libxlsxwriter).
core_libyigong_a_SOURCES += core/xlsx_export.c
# Roster files (issue 12).
core_libyigong_a_SOURCES += core/csv_records.c

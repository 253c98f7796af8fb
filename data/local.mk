# The schema migrations and the targets table are compiled into the core so
# that the program never depends on finding its data directory at run time.
SCHEMA_FILES = data/schema/001-initial.sql data/schema/002-audit-index.sql \
	data/schema/003-community-value.sql \
	data/schema/004-months-and-notes.sql \
	data/schema/005-lead-support-target-periods.sql \
	data/schema/006-new-obligations.sql \
	data/schema/007-levels.sql \
	data/schema/008-stored-findings.sql \
	data/schema/009-figure-memo.sql
TARGETS_FILE = data/targets.csv
dist_pkgdata_DATA += $(SCHEMA_FILES) $(TARGETS_FILE)
EXTRA_DIST += data/embed.sh

core/embedded.c: $(SCHEMA_FILES) $(TARGETS_FILE) data/embed.sh
	$(AM_V_GEN)$(MKDIR_P) core && $(SHELL) $(top_srcdir)/data/embed.sh $(top_srcdir) $(SCHEMA_FILES) -- $(TARGETS_FILE) > $@.tmp && mv $@.tmp $@
BUILT_SOURCES += core/embedded.c
CLEANFILES += core/embedded.c

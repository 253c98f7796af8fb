# Messages: English in the source, one po file per language (po/LINGUAS),
# compiled into the core by po/po2c.awk — no locale data needed at run time.
PO_LINGUAS_FILE = $(top_srcdir)/po/LINGUAS
EXTRA_DIST += po/LINGUAS po/yigong.pot po/po2c.awk po/xgettext.sh po/update-po.sh po/*.po

core/catalog.c: $(PO_LINGUAS_FILE) $(top_srcdir)/po/*.po $(top_srcdir)/po/po2c.awk
	$(AM_V_GEN)$(MKDIR_P) core && \
	awk -f $(top_srcdir)/po/po2c.awk \
		$$(sed 's|^|$(top_srcdir)/po/|; s|$$|.po|' $(PO_LINGUAS_FILE)) > $@.tmp && mv $@.tmp $@
BUILT_SOURCES += core/catalog.c
CLEANFILES += core/catalog.c
nodist_core_libyigong_a_SOURCES += core/catalog.c
core_libyigong_a_SOURCES += core/i18n.h core/i18n.c

# Regenerates po/yigong.pot and merges it into every po file.
update-po:
	$(SHELL) $(top_srcdir)/po/update-po.sh $(top_srcdir)
.PHONY: update-po

# Every po file passes msgfmt's format checks, and zh_CN translates every
# message the sources mark, with nothing obsolete.
TESTS += tests/po_catalogue.sh
EXTRA_DIST += tests/po_catalogue.sh

# The catalogue's lookups and language names.
check_PROGRAMS += tests/check_i18n
TESTS += tests/check_i18n
tests_check_i18n_SOURCES = tests/check_i18n.c
tests_check_i18n_CFLAGS = $(AM_CFLAGS) @CHECK_CFLAGS@
tests_check_i18n_LDADD = core/libyigong.a @CHECK_LIBS@ $(LIBS)

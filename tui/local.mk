# The yigong program: command line (cmd-*.c) and terminal screens (ui-*.c).
bin_PROGRAMS += yigong
yigong_SOURCES = tui/main.c tui/cmd.h tui/cmd.c tui/cmdopt.h tui/cmd-table.c \
	tui/cmd-init.c tui/cmd-user.c tui/cmd-org.c tui/cmd-status.c tui/cmd-check.c \
	tui/cmd-dashboard.c
yigong_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
yigong_LDADD = forms/libforms.a core/libyigong.a $(NCURSES_LIBS) $(SQLITE_LIBS)
# yigong restore (issue 18): the counterpart of backup.
yigong_SOURCES += tui/cmd-restore.c
include tui/screens.mk
include tui/csv.mk
# Terminal screens add their sources here: yigong_SOURCES += tui/ui-....c
# CSV commands add their sources here: yigong_SOURCES += tui/cmd-export.c ...
# The monthly bulletin: an A4 PDF set with Cairo and Pango.
yigong_SOURCES += tui/pdf.c tui/pdf.h tui/bulletin-pdf.c tui/bulletin-pdf.h tui/cmd-bulletin.c
yigong_CFLAGS += $(PDF_CFLAGS)
yigong_LDADD += $(PDF_LIBS)

# The yigong program: its entry (main.c), the command line (one cmd-NAME.c per
# command, collected in cmd-table.c), and the privilege and configuration
# handling a setgid install relies on (doc/deploy.md).  The screens (tui/)
# and the bulletin's PDF (pdf/) add their sources to the same program.
bin_PROGRAMS += yigong
yigong_SOURCES = cli/main.c cli/cmd.h cli/cmd.c cli/cmdopt.h cli/cmd-table.c \
	cli/privilege.c cli/privilege.h cli/conffile.c cli/conffile.h \
	cli/cmd-init.c cli/cmd-user.c cli/cmd-org.c cli/cmd-status.c cli/cmd-check.c \
	cli/cmd-dashboard.c cli/cmd-restore.c cli/cmd-bulletin.c \
	cli/cmd-export.c cli/cmd-import.c cli/cmd-backup.c cli/cmd-records.c
yigong_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/cli -I$(top_srcdir)/tui -I$(top_srcdir)/pdf
yigong_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
yigong_LDADD = forms/libforms.a core/libyigong.a $(NCURSES_LIBS) $(SQLITE_LIBS)

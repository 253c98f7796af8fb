# The terminal screens (ui-*.c), part of the yigong program: the framework
# (ui.c's loop, ui-keys.c, ui-keytab.c, ui-draw.c, ui-dialog.c, ui-fields.c,
# ui-lineedit.c; see ui-screen.h) and one file per screen.
yigong_SOURCES += tui/ui.h tui/ui-curses.h tui/ui-screen.h tui/ui-screens.h \
	tui/ui.c tui/ui-keys.c tui/ui-keytab.c tui/ui-draw.c tui/ui-dialog.c \
	tui/ui-lineedit.c tui/ui-lineedit.h tui/ui-fields.c tui/ui-fields.h \
	tui/ui-home.c tui/ui-form.c tui/ui-roster.c tui/ui-edit.c \
	tui/ui-review.h tui/ui-review.c tui/ui-subview.c tui/ui-decide.h tui/ui-decide.c \
	tui/ui-dashboard.c tui/ui-admin.c tui/ui-setting.c tui/ui-targets.c tui/ui-export.c

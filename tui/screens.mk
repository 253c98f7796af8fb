# Terminal screens (ui-*.c): the framework (ui.c, ui-keys.c, ui-draw.c,
# ui-dialog.c, ui-fields.c, ui-lineedit.c; see ui-screen.h) and the screens.
yigong_SOURCES += tui/ui.h tui/ui-curses.h tui/ui-screen.h tui/ui-screens.h \
	tui/ui.c tui/ui-keys.c tui/ui-keytab.c tui/ui-draw.c tui/ui-dialog.c \
	tui/ui-lineedit.c tui/ui-lineedit.h tui/ui-fields.c tui/ui-fields.h \
	tui/ui-home.c tui/ui-form.c tui/ui-roster.c tui/ui-edit.c
# Review screens, targets dashboard and admin screens (issue 4).
yigong_SOURCES += tui/ui-review.h tui/ui-review.c tui/ui-subview.c tui/ui-dashboard.c \
	tui/ui-admin.c tui/ui-export.c \
	tui/ui-decide.h tui/ui-decide.c tui/ui-setting.c
# The targets' thresholds and months in force (issue 12).
yigong_SOURCES += tui/ui-targets.c

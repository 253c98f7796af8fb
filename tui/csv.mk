# CSV commands (issue 5): export, import, backup.
yigong_SOURCES += tui/cmd-export.c tui/cmd-import.c tui/cmd-backup.c

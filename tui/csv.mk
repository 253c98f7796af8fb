# CSV commands (issue 5): export, import, backup.
yigong_SOURCES += tui/cmd-export.c tui/cmd-import.c tui/cmd-backup.c
# Roster files (issue 12): records export, records import.
yigong_SOURCES += tui/cmd-records.c

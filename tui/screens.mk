# Terminal screens add their sources here: yigong_SOURCES += tui/ui-....c

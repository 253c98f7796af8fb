/*
 * ui-curses.h — the one place that picks the curses header.
 *
 * Yigong needs the wide-character API (get_wch, mvadd_wch, wcwidth) for
 * Chinese text; NCURSES_WIDECHAR asks for it whatever _XOPEN_SOURCE says.
 * Every tui/ui-*.c file includes this, never <curses.h> directly.
 */
#ifndef YIGONG_UI_CURSES_H
#define YIGONG_UI_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <wchar.h>

#endif

/*
 * ui-lineedit.h — a single-line text editor over wchar_t, without curses.
 *
 * Why our own and not libformw: formw 6.4 spills double-width characters out
 * of the field, puts the cursor in the wrong column after REQ_END_LINE and
 * wipes prefilled values (PITFALLS.md).  This editor knows nothing of the
 * terminal: it keeps the text, the cursor and the first visible character,
 * so every rule below is unit-tested (tests/check_lineedit.c).
 *
 * Columns are terminal cells (wcwidth): a Chinese character takes two.
 * Characters with wcwidth 0 or -1 (controls, combining marks) are refused,
 * so the width of the text is always the sum of its characters' widths.
 */
#ifndef YIGONG_UI_LINEEDIT_H
#define YIGONG_UI_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* A hard ceiling against runaway input; the field's own maximum is checked
 * when the text is parsed, so that the user sees why it is refused. */
#define UI_LINE_MAX 1024

struct ui_line {
	wchar_t *buf;   /* len characters, not terminated */
	size_t len, cap;
	size_t cur;     /* cursor: index of the character it stands before */
	size_t scroll;  /* index of the first character shown */
	bool changed;   /* edited since set */
	/* The whole text is selected, as a box is on entry (as in a
	 * spreadsheet or a web form): the first character typed replaces it,
	 * Delete or Ctrl-U empties it, and a movement key or Backspace drops
	 * the selection and edits the text in place. */
	bool selected;
};

void ui_line_init(struct ui_line *l);
void ui_line_free(struct ui_line *l);
/* Replaces the text by UTF-8 s (NULL is empty), cursor at the end.
 * Returns -1 when s is not valid UTF-8 or is too long (text unchanged). */
int ui_line_set(struct ui_line *l, const char *s);
/* The text as UTF-8; caller frees.  NULL only when out of memory. */
char *ui_line_get(const struct ui_line *l);

/* Inserts wc at the cursor; -1 (and nothing changes) if it is not a
 * printable character of width 1 or 2, or the line is full. */
int ui_line_insert(struct ui_line *l, wchar_t wc);
/* Inserts every character of UTF-8 s it accepts; returns how many it refused. */
size_t ui_line_insert_str(struct ui_line *l, const char *s);
void ui_line_backspace(struct ui_line *l);
void ui_line_delete(struct ui_line *l);
void ui_line_left(struct ui_line *l);
void ui_line_right(struct ui_line *l);
void ui_line_home(struct ui_line *l);
void ui_line_end(struct ui_line *l);
void ui_line_clear(struct ui_line *l);
/* Selects the whole text (nothing when empty), cursor at the end: call it
 * when the focus enters the box. */
void ui_line_select(struct ui_line *l);

/* Total width of the text in columns. */
size_t ui_line_width(const struct ui_line *l);

/*
 * Lays the line out in a box of width columns (width >= 2): moves scroll so
 * that the cursor is visible, and tells which characters to draw — count
 * characters from l->scroll, filling *used columns (<= width, a wide
 * character that would cross the edge is left out) — and the cursor's
 * column within the box.
 */
void ui_line_view(struct ui_line *l, int width, size_t *count, int *used, int *cursor_col);

#endif

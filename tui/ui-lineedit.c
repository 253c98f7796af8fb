/*
 * ui-lineedit.c — the single-line editor of ui-lineedit.h.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ui-lineedit.h"

void ui_line_init(struct ui_line *l)
{
	memset(l, 0, sizeof *l);
}

void ui_line_free(struct ui_line *l)
{
	free(l->buf);
	ui_line_init(l);
}

static int reserve(struct ui_line *l, size_t n)
{
	wchar_t *p;
	size_t cap;

	if (n <= l->cap)
		return 0;
	cap = l->cap ? l->cap : 16;
	while (cap < n)
		cap *= 2;
	p = realloc(l->buf, cap * sizeof *p);
	if (!p)
		return -1;
	l->buf = p;
	l->cap = cap;
	return 0;
}

static bool acceptable(wchar_t wc)
{
	int w = wcwidth(wc);

	return w == 1 || w == 2;
}

int ui_line_set(struct ui_line *l, const char *s)
{
	struct ui_line t;
	mbstate_t st;
	size_t n, left;
	wchar_t wc;

	ui_line_init(&t);
	memset(&st, 0, sizeof st);
	left = s ? strlen(s) : 0;
	while (left > 0) {
		n = mbrtowc(&wc, s, left, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0 || t.len >= UI_LINE_MAX ||
		    reserve(&t, t.len + 1)) {
			free(t.buf);
			return -1;
		}
		/* Stored text may hold what the keyboard may not (a tab from an
		 * import): show it as a space rather than lose the line. */
		t.buf[t.len++] = acceptable(wc) ? wc : L' ';
		s += n;
		left -= n;
	}
	free(l->buf);
	*l = t;
	l->cur = l->len;
	return 0;
}

char *ui_line_get(const struct ui_line *l)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t i, n, len = 0, cap = l->len * 4 + 1;
	char *s = malloc(cap), *p;

	if (!s)
		return NULL;
	memset(&st, 0, sizeof st);
	for (i = 0; i < l->len; i++) {
		n = wcrtomb(mb, l->buf[i], &st);
		if (n == (size_t)-1)
			continue;
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			p = realloc(s, cap);
			if (!p) {
				free(s);
				return NULL;
			}
			s = p;
		}
		memcpy(s + len, mb, n);
		len += n;
	}
	s[len] = '\0';
	return s;
}

int ui_line_insert(struct ui_line *l, wchar_t wc)
{
	if (!acceptable(wc))
		return -1;
	/* Typing over a selected value replaces it: "66" over "64" is 66. */
	if (l->selected)
		ui_line_clear(l);
	if (l->len >= UI_LINE_MAX || reserve(l, l->len + 1))
		return -1;
	memmove(l->buf + l->cur + 1, l->buf + l->cur, (l->len - l->cur) * sizeof *l->buf);
	l->buf[l->cur++] = wc;
	l->len++;
	l->changed = true;
	return 0;
}

size_t ui_line_insert_str(struct ui_line *l, const char *s)
{
	mbstate_t st;
	size_t n, left = strlen(s), refused = 0;
	wchar_t wc;

	memset(&st, 0, sizeof st);
	while (left > 0) {
		n = mbrtowc(&wc, s, left, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			return refused + 1;
		if (ui_line_insert(l, wc))
			refused++;
		s += n;
		left -= n;
	}
	return refused;
}

void ui_line_backspace(struct ui_line *l)
{
	l->selected = false;
	if (l->cur == 0)
		return;
	l->cur--;
	ui_line_delete(l);
}

void ui_line_delete(struct ui_line *l)
{
	if (l->selected) {
		ui_line_clear(l);
		return;
	}
	if (l->cur >= l->len)
		return;
	memmove(l->buf + l->cur, l->buf + l->cur + 1, (l->len - l->cur - 1) * sizeof *l->buf);
	l->len--;
	l->changed = true;
}

void ui_line_left(struct ui_line *l)
{
	l->selected = false;
	if (l->cur > 0)
		l->cur--;
}

void ui_line_right(struct ui_line *l)
{
	l->selected = false;
	if (l->cur < l->len)
		l->cur++;
}

void ui_line_home(struct ui_line *l)
{
	l->selected = false;
	l->cur = 0;
}

void ui_line_end(struct ui_line *l)
{
	l->selected = false;
	l->cur = l->len;
}

void ui_line_clear(struct ui_line *l)
{
	if (l->len)
		l->changed = true;
	l->len = l->cur = l->scroll = 0;
	l->selected = false;
}

void ui_line_select(struct ui_line *l)
{
	l->cur = l->len;
	l->selected = l->len > 0;
}

size_t ui_line_width(const struct ui_line *l)
{
	size_t i, w = 0;

	for (i = 0; i < l->len; i++)
		w += (size_t)wcwidth(l->buf[i]);
	return w;
}

/* Columns taken by characters [from, to). */
static int span(const struct ui_line *l, size_t from, size_t to)
{
	int w = 0;

	for (; from < to; from++)
		w += wcwidth(l->buf[from]);
	return w;
}

void ui_line_view(struct ui_line *l, int width, size_t *count, int *used, int *cursor_col)
{
	size_t i;
	int w = 0, cw;

	if (l->scroll > l->cur)
		l->scroll = l->cur;
	/* The cursor needs a cell of its own: the character under it, or one
	 * blank cell past the end. */
	cw = l->cur < l->len ? wcwidth(l->buf[l->cur]) : 1;
	while (l->scroll < l->cur && span(l, l->scroll, l->cur) + cw > width)
		l->scroll++;
	/* Scrolled further than needed (text deleted): show as much as fits. */
	while (l->scroll > 0 && span(l, l->scroll - 1, l->len) + (l->cur == l->len) <= width)
		l->scroll--;
	*cursor_col = span(l, l->scroll, l->cur);
	for (i = l->scroll; i < l->len; i++) {
		cw = wcwidth(l->buf[i]);
		if (w + cw > width)
			break;
		w += cw;
	}
	*count = i - l->scroll;
	*used = w;
}

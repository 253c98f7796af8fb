/*
 * ui-dialog.c — modal dialogs: a question with choices, a one-line text
 * box, a message, scrollable help, a list to pick from.  Each is a small overlay screen run by
 * ui_modal(), so the caller reads its answer as a return value.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ui-lineedit.h"
#include "ui-screen.h"

enum dialog_kind { D_CHOOSE, D_PROMPT, D_ALERT, D_VIEW, D_PICK };

struct dialog {
	struct ui_screen base;
	enum dialog_kind kind;
	char *title;
	char *body;
	const struct ui_choice *choices;
	size_t nchoices;
	int sel;
	struct ui_line line;
	bool required;
	char **answer;     /* D_PROMPT: where the text goes */
	size_t top;        /* D_VIEW: first line shown */
	/* Laid out by draw. */
	char **lines;
	size_t nlines;
	int box_rows;      /* D_VIEW: body rows visible */
	/* D_PICK: the items, those the filter (line) keeps, the selection */
	const char *const *items;
	size_t nitems;
	size_t *view;
	size_t nview;
	size_t pick;
};

static void free_lines(struct dialog *d)
{
	for (size_t i = 0; i < d->nlines; i++)
		free(d->lines[i]);
	free(d->lines);
	d->lines = NULL;
	d->nlines = 0;
}

/* Breaks the body into lines of at most width columns (ui_wrap). */
static void wrap(struct dialog *d, int width)
{
	free_lines(d);
	d->nlines = ui_wrap(d->body, width, &d->lines);
}

static void frame(int y, int x, int h, int w, const char *title)
{
	attrset(A_NORMAL);
	for (int r = 0; r < h; r++)
		mvhline(y + r, x, ' ', w);
	mvhline(y, x + 1, '-', w - 2);
	mvhline(y + h - 1, x + 1, '-', w - 2);
	mvvline(y + 1, x, '|', h - 2);
	mvvline(y + 1, x + w - 1, '|', h - 2);
	mvaddch(y, x, '+');
	mvaddch(y, x + w - 1, '+');
	mvaddch(y + h - 1, x, '+');
	mvaddch(y + h - 1, x + w - 1, '+');
	if (title && *title)
		ui_putf(y, x + 2, w - 4, ui_attr(UI_S_TITLE), 0, " %s ", title);
}

/* Keeps the items whose text holds the filter (case ignored for ASCII). */
static void pick_filter(struct dialog *d)
{
	char *f = ui_line_get(&d->line);

	d->nview = 0;
	for (size_t i = 0; i < d->nitems; i++)
		if (!f || !*f || strcasestr(d->items[i], f))
			d->view[d->nview++] = i;
	if (d->pick >= d->nview)
		d->pick = d->nview ? d->nview - 1 : 0;
	free(f);
}

static void pick_draw(struct dialog *d)
{
	int w = COLS - 4 < 72 ? COLS - 4 : 72, inner = w - 4;
	int h = LINES - 4 < 20 ? LINES - 4 : 20, y = (LINES - h) / 2, x = (COLS - w) / 2;
	int rows = h - 4, bx = x + 2 + ui_width(_("Filter: "));
	size_t top = d->pick >= (size_t)rows ? d->pick - (size_t)rows + 1 : 0, count;
	int used, col;

	d->box_rows = rows;
	frame(y, x, h, w, d->title);
	ui_put(y + 1, x + 2, inner, A_NORMAL, 0, _("Filter: "));
	ui_line_view(&d->line, x + w - 2 - bx, &count, &used, &col);
	attrset(ui_attr(UI_S_FOCUS));
	mvhline(y + 1, bx, ' ', x + w - 2 - bx);
	mvaddnwstr(y + 1, bx, d->line.buf + d->line.scroll, (int)count);
	attrset(A_NORMAL);
	for (int r = 0; r < rows && top + (size_t)r < d->nview; r++) {
		bool sel = top + (size_t)r == d->pick;
		ui_put(y + 2 + r, x + 2, inner, sel ? ui_attr(UI_S_SELECT) : A_NORMAL, UI_PAD,
			d->items[d->view[top + (size_t)r]]);
	}
	if (!d->nview)
		ui_put(y + 2, x + 2, inner, ui_attr(UI_S_DIM), 0, _("(nothing matches)"));
	ui_putf(y + h - 1, x + 2, w - 4, ui_attr(UI_S_KEY), 0, " %s ",
		_("Enter pick  Esc cancel  type to filter"));
	ui_cursor(y + 1, bx + col);
}

static int pick_key(struct dialog *d, const struct ui_key *k)
{
	if (ui_list_move(&d->pick, d->nview, k->act, d->box_rows > 1 ? (size_t)d->box_rows : 1))
		return UI_HANDLED;
	switch (k->act) {
	case UI_A_ENTER:
		if (!d->nview)
			return UI_HANDLED;
		d->base.result = (int)d->view[d->pick];
		return UI_POP;
	case UI_A_TEXT:
		ui_line_insert(&d->line, (wchar_t)k->ch);
		break;
	case UI_A_BACKSPACE:
		ui_line_backspace(&d->line);
		break;
	case UI_A_KILL:
		ui_line_clear(&d->line);
		break;
	default:
		return UI_HANDLED;
	}
	d->pick = 0;
	pick_filter(d);
	return UI_HANDLED;
}

static void dialog_draw(struct ui_screen *s)
{
	struct dialog *d = (struct dialog *)s;
	int w = COLS - 4 < 72 ? COLS - 4 : 72;
	int inner = w - 4, h, y, x, extra;
	size_t shown;

	if (d->kind == D_PICK) {
		pick_draw(d);
		return;
	}
	if (d->kind == D_VIEW)
		w = COLS - 2, inner = w - 4;
	wrap(d, inner);
	extra = d->kind == D_VIEW ? 0 : 2; /* blank + choices or text box */
	h = (int)d->nlines + extra + 2;
	if (h > LINES - 2)
		h = LINES - 2;
	d->box_rows = h - 2 - extra;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	frame(y, x, h, w, d->title);
	if (d->top + (size_t)d->box_rows > d->nlines)
		d->top = d->nlines > (size_t)d->box_rows ? d->nlines - (size_t)d->box_rows : 0;
	for (shown = 0; shown < (size_t)d->box_rows && d->top + shown < d->nlines; shown++)
		ui_put(y + 1 + (int)shown, x + 2, inner, A_NORMAL, 0, d->lines[d->top + shown]);
	if (d->kind == D_VIEW) {
		if (d->nlines > (size_t)d->box_rows)
			ui_putf(y + h - 1, x + w - 14, 12, ui_attr(UI_S_DIM), 0, " %zu/%zu ",
				d->top + 1, d->nlines);
		ui_putf(y + h - 1, x + 2, w - 20, ui_attr(UI_S_KEY), 0, " %s ",
			_("Esc close  PgUp/PgDn scroll"));
		return;
	}
	if (d->kind == D_PROMPT) {
		size_t count;
		int used, col, bx = x + 2, by = y + h - 2;

		ui_line_view(&d->line, inner, &count, &used, &col);
		attrset(ui_attr(UI_S_FOCUS));
		mvhline(by, bx, ' ', inner);
		if (d->line.selected)
			attrset(ui_attr(UI_S_FOCUS) ^ A_REVERSE);
		mvaddnwstr(by, bx, d->line.buf + d->line.scroll, (int)count);
		attrset(A_NORMAL);
		ui_cursor(by, bx + col);
		ui_putf(y + h - 1, x + 2, w - 4, ui_attr(UI_S_KEY), 0, " %s ",
			_("Enter OK  Esc cancel"));
		return;
	}
	if (d->kind == D_ALERT) {
		ui_put(y + h - 2, x + 2, inner, ui_attr(UI_S_SELECT), 0,
			_(" Enter OK "));
		return;
	}
	x += 2;
	for (size_t i = 0; i < d->nchoices; i++) {
		const struct ui_choice *c = &d->choices[i];
		char *label = yg_asprintf("[%lc] %s", (wint_t)c->key, YG_L(c->zh, c->en));
		attr_t a = (int)i == d->sel ? ui_attr(UI_S_SELECT) : A_NORMAL;

		x += ui_put(y + h - 2, x, inner, a, 0, label ? label : "") + 2;
		free(label);
	}
}

static int dialog_key(struct ui_screen *s, const struct ui_key *k)
{
	struct dialog *d = (struct dialog *)s;

	if (k->act == UI_A_BACK || k->act == UI_A_QUIT) {
		s->result = -1;
		return UI_POP;
	}
	switch (d->kind) {
	case D_PICK:
		return pick_key(d, k);
	case D_ALERT:
		return k->act == UI_A_ENTER || k->act == UI_A_TEXT ? UI_POP : UI_HANDLED;
	case D_VIEW:
		switch (k->act) {
		case UI_A_UP:
			if (d->top > 0)
				d->top--;
			break;
		case UI_A_DOWN:
			d->top++;
			break;
		case UI_A_PGUP:
			d->top = d->top > (size_t)d->box_rows ? d->top - (size_t)d->box_rows : 0;
			break;
		case UI_A_PGDN:
		case UI_A_TEXT:
			if (k->ch == 'q')
				return UI_POP;
			d->top += (size_t)d->box_rows;
			break;
		case UI_A_HOME:
			d->top = 0;
			break;
		case UI_A_ENTER:
			return UI_POP;
		default:
			break;
		}
		return UI_HANDLED;
	case D_PROMPT:
		switch (k->act) {
		case UI_A_TEXT:
			ui_line_insert(&d->line, (wchar_t)k->ch);
			break;
		case UI_A_LEFT:
			ui_line_left(&d->line);
			break;
		case UI_A_RIGHT:
			ui_line_right(&d->line);
			break;
		case UI_A_HOME:
			ui_line_home(&d->line);
			break;
		case UI_A_END:
			ui_line_end(&d->line);
			break;
		case UI_A_BACKSPACE:
			ui_line_backspace(&d->line);
			break;
		case UI_A_DELETE:
			ui_line_delete(&d->line);
			break;
		case UI_A_KILL:
			ui_line_clear(&d->line);
			break;
		case UI_A_ENTER: {
			char *t = ui_line_get(&d->line);
			const char *p = t;

			while (p && (*p == ' ' || *p == '\t'))
				p++;
			if (d->required && (!p || !*p)) {
				ui_flash(UI_MSG_ERROR, "%s", _("Cannot be empty"));
				free(t);
				return UI_HANDLED;
			}
			*d->answer = t;
			s->result = 1;
			return UI_POP;
		}
		default:
			break;
		}
		return UI_HANDLED;
	case D_CHOOSE:
		switch (k->act) {
		case UI_A_LEFT:
		case UI_A_PREV:
		case UI_A_UP:
			d->sel = d->sel > 0 ? d->sel - 1 : (int)d->nchoices - 1;
			break;
		case UI_A_RIGHT:
		case UI_A_NEXT:
		case UI_A_DOWN:
			d->sel = (d->sel + 1) % (int)d->nchoices;
			break;
		case UI_A_ENTER:
			s->result = d->sel;
			return UI_POP;
		default:
			/* A choice's letter, whatever the table made of it. */
			for (size_t i = 0; i < d->nchoices; i++)
				if (k->ch && (k->ch == d->choices[i].key ||
				    (k->ch < 128 && d->choices[i].key < 128 &&
				     (k->ch | 0x20) == (d->choices[i].key | 0x20)))) {
					s->result = (int)i;
					return UI_POP;
				}
			break;
		}
		return UI_HANDLED;
	}
	return UI_HANDLED;
}

static void dialog_leave(struct ui_screen *s)
{
	struct dialog *d = (struct dialog *)s;

	free_lines(d);
	ui_line_free(&d->line);
	free(d->view);
	free(d->title);
	free(d->body);
	free(d);
}

static const struct ui_screen_ops dialog_ops = {
	.name = "dialog",
	.draw = dialog_draw,
	.key = dialog_key,
	.leave = dialog_leave,
	.overlay = true,
	.min_cols = 30,
	.min_lines = 8,
};

static struct dialog *dialog_new(enum dialog_kind kind, const char *title, const char *body)
{
	struct dialog *d = calloc(1, sizeof *d);

	if (!d)
		return NULL;
	d->base.ops = &dialog_ops;
	d->kind = kind;
	d->title = yg_strdup(title);
	d->body = yg_strdup(body);
	ui_line_init(&d->line);
	return d;
}

int ui_choose(const char *title, const char *body, const struct ui_choice *c, size_t n)
{
	struct dialog *d = dialog_new(D_CHOOSE, title, body);

	if (!d)
		return -1;
	d->choices = c;
	d->nchoices = n;
	return ui_modal(&d->base);
}

bool ui_confirm(const char *title, const char *body)
{
	static const struct ui_choice yes_no[] = {
		{ 'y', "是", N_("yes") },
		{ 'n', "否", N_("no") },
	};

	return ui_choose(title, body, yes_no, 2) == 0;
}

char *ui_prompt(const char *title, const char *body, const char *initial, bool required)
{
	struct dialog *d = dialog_new(D_PROMPT, title, body);
	char *answer = NULL;

	if (!d)
		return NULL;
	d->base.text_input = true;
	d->required = required;
	d->answer = &answer;
	ui_line_set(&d->line, initial);
	/* A suggested answer is selected, as in every box: typing replaces it. */
	ui_line_select(&d->line);
	if (ui_modal(&d->base) != 1) {
		free(answer);
		return NULL;
	}
	return answer;
}

void ui_alert(const char *title, const char *body)
{
	struct dialog *d = dialog_new(D_ALERT, title, body);

	if (d)
		ui_modal(&d->base);
}

void ui_help(const char *title, const char *text)
{
	struct dialog *d = dialog_new(D_VIEW, title, text);

	if (d)
		ui_modal(&d->base);
}

int ui_pick(const char *title, const char *const *items, size_t n, size_t initial)
{
	struct dialog *d = dialog_new(D_PICK, title, NULL);

	if (!d)
		return -1;
	d->view = calloc(n ? n : 1, sizeof *d->view);
	if (!d->view) {
		dialog_leave(&d->base);
		return -1;
	}
	d->base.text_input = true;
	d->items = items;
	d->nitems = n;
	pick_filter(d);
	d->pick = initial < n ? initial : 0;
	return ui_modal(&d->base);
}

/*
 * ui-fields.c — the column of input boxes of ui-fields.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-fields.h"

static void set_box_text(struct ui_fields *g, size_t i)
{
	char *s = yg_field_format(&g->f[i], &g->values[i]);

	ui_line_set(&g->box[i].line, s ? s : "");
	g->box[i].line.changed = false;
	g->box[i].line.scroll = 0;
	free(s);
	free(g->box[i].msg);
	g->box[i].msg = NULL;
	g->box[i].carried = false;
}

int ui_fields_init(struct ui_fields *g, const struct yg_field *f, size_t n,
	struct yg_value *values, bool editable)
{
	memset(g, 0, sizeof *g);
	g->f = f;
	g->n = n;
	g->values = values;
	g->editable = editable;
	g->box = calloc(n ? n : 1, sizeof *g->box);
	if (!g->box)
		return YG_ENOMEM;
	ui_fields_reload(g);
	ui_fields_focus_first(g);
	return YG_OK;
}

void ui_fields_free(struct ui_fields *g)
{
	for (size_t i = 0; g->box && i < g->n; i++) {
		ui_line_free(&g->box[i].line);
		free(g->box[i].msg);
	}
	free(g->box);
	g->box = NULL;
}

void ui_fields_reload(struct ui_fields *g)
{
	for (size_t i = 0; i < g->n; i++)
		set_box_text(g, i);
	if (g->focus < g->n)
		ui_line_select(&g->box[g->focus].line);
}

bool ui_fields_can_edit(const struct ui_fields *g, size_t i)
{
	return g->editable && i < g->n && !g->f[i].derived;
}

bool ui_fields_text_input(const struct ui_fields *g)
{
	return ui_fields_can_edit(g, g->focus);
}

void ui_fields_focus_first(struct ui_fields *g)
{
	g->focus = 0;
	while (g->editable && g->focus + 1 < g->n && !ui_fields_can_edit(g, g->focus))
		g->focus++;
	g->top = 0;
	if (g->n)
		ui_line_select(&g->box[g->focus].line);
}

void ui_fields_focus(struct ui_fields *g, size_t i)
{
	if (i >= g->n)
		return;
	g->focus = i;
	ui_line_select(&g->box[i].line);
}

bool ui_fields_pending(const struct ui_fields *g)
{
	return ui_fields_can_edit(g, g->focus) && g->box[g->focus].line.changed;
}

int ui_fields_first_bad(const struct ui_fields *g)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->box[i].msg)
			return (int)i;
	return -1;
}

int ui_fields_commit(struct ui_fields *g)
{
	size_t i = g->focus;
	struct yg_value v = { 0 };
	char *text;
	int rc;

	if (!ui_fields_pending(g))
		return 0;
	text = ui_line_get(&g->box[i].line);
	if (!text)
		return -1;
	rc = yg_field_parse(&g->f[i], text, &v);
	free(text);
	g->box[i].line.changed = false;
	free(g->box[i].msg);
	g->box[i].msg = NULL;
	if (rc != YG_OK) {
		g->box[i].msg = yg_strdup(yg_errmsg());
		return -1;
	}
	if (yg_value_equal(&v, &g->values[i])) {
		yg_value_clear(&v);
		set_box_text(g, i);
		return 0;
	}
	yg_value_clear(&g->values[i]);
	g->values[i] = v;
	/* Show it as stored ("1,234.5" becomes "1234.50"). */
	set_box_text(g, i);
	return 1;
}

void ui_fields_carry(struct ui_fields *g, size_t i, const struct yg_value *v)
{
	char *s = i < g->n ? yg_field_format(&g->f[i], v) : NULL;

	if (!s)
		return;
	ui_line_set(&g->box[i].line, s);
	g->box[i].line.changed = false;
	g->box[i].carried = true;
	if (i == g->focus)
		ui_line_select(&g->box[i].line);
	free(s);
}

size_t ui_fields_carried(const struct ui_fields *g)
{
	size_t n = 0;

	for (size_t i = 0; i < g->n; i++)
		n += g->box[i].carried;
	return n;
}

int ui_fields_confirm_carried(struct ui_fields *g)
{
	size_t focus = g->focus;
	int rc = 0;

	for (size_t i = 0; i < g->n; i++) {
		int c;

		if (!g->box[i].carried)
			continue;
		g->focus = i;
		g->box[i].line.changed = true;
		c = ui_fields_commit(g);
		if (c < 0)
			rc = -1;
		else if (c > 0 && rc == 0)
			rc = 1;
	}
	g->focus = focus;
	return rc;
}

/* Moves the focus by step fields (skipping what cannot be edited when the
 * boxes are editable), committing the box it leaves. */
static void step_focus(struct ui_fields *g, int step, int *committed)
{
	size_t i = g->focus;
	int left = step < 0 ? -step : step;

	/* Moving on from a carried figure confirms it: the clerk saw it. */
	if (g->focus < g->n && g->box[g->focus].carried)
		g->box[g->focus].line.changed = true;
	*committed = ui_fields_commit(g);
	for (int n = 0; n < left; n++) {
		size_t j = i;
		bool found = false;

		while (step < 0 ? j > 0 : j + 1 < g->n) {
			j = step < 0 ? j - 1 : j + 1;
			if (!g->editable || ui_fields_can_edit(g, j)) {
				found = true;
				break;
			}
		}
		if (!found)
			break;
		i = j;
	}
	g->focus = i;
	ui_line_select(&g->box[i].line);
}

/* Space in a choice or yes/no box steps to the next choice. */
static bool cycle_choice(struct ui_fields *g)
{
	const struct yg_field *f = &g->f[g->focus];
	const struct yg_value *cur = &g->values[g->focus];
	struct yg_value v = { .set = true };
	char *s;

	if (f->type == YG_T_BOOL) {
		v.num = cur->set ? !cur->num : 1;
	} else if (f->type == YG_T_CHOICE && f->choices && f->choices[0].value) {
		const struct yg_choice *c = f->choices;

		if (cur->set && cur->text)
			while (c->value && strcmp(c->value, cur->text))
				c++;
		if (cur->set && c->value && c[1].value)
			c++;
		else
			c = f->choices;
		v.text = (char *)c->value;
	} else {
		return false;
	}
	s = yg_field_format(f, &v);
	ui_line_set(&g->box[g->focus].line, s ? s : "");
	g->box[g->focus].line.changed = true;
	free(s);
	/* Parse now so that the label beside the box follows. */
	return ui_fields_commit(g) >= 0;
}

/*
 * Space in a unit's box: choose the unit by name from the county's list
 * rather than type its code.  What ui_fields_commit says, or 0 when the
 * user cancelled.
 */
static int pick_org(struct ui_fields *g)
{
	const struct yg_value *cur = &g->values[g->focus];
	struct yg_org *v = NULL;
	size_t n = 0, initial = 0;
	char **items;
	int k, rc = 0;

	if (yg_org_directory(ui_db(), &v, &n) != YG_OK) {
		ui_flash_error();
		return 0;
	}
	items = calloc(n ? n : 1, sizeof *items);
	for (size_t i = 0; items && i < n; i++) {
		items[i] = yg_asprintf("%s  (%s, %s)", v[i].name, yg_kind_label(v[i].kind), v[i].code);
		if (cur->set && cur->text && !strcmp(cur->text, v[i].code))
			initial = i;
	}
	k = items ? ui_pick(_("Choose a unit"), (const char *const *)items, n,
		initial) : -1;
	if (k >= 0 && !ui_quitting()) {
		ui_line_set(&g->box[g->focus].line, v[k].code);
		g->box[g->focus].line.changed = true;
		rc = ui_fields_commit(g);
	}
	for (size_t i = 0; items && i < n; i++)
		free(items[i]);
	free(items);
	yg_org_list_free(v, n);
	return rc;
}

int ui_fields_key(struct ui_fields *g, const struct ui_key *k, int *committed)
{
	struct ui_line *l = &g->box[g->focus].line;
	bool edit = ui_fields_can_edit(g, g->focus);
	int page = g->rows > 1 ? g->rows - 1 : 1;

	*committed = 0;
	switch (k->act) {
	case UI_A_NEXT:
	case UI_A_DOWN:
	case UI_A_ENTER:
		step_focus(g, 1, committed);
		return UI_HANDLED;
	case UI_A_PREV:
	case UI_A_UP:
		step_focus(g, -1, committed);
		return UI_HANDLED;
	case UI_A_PGDN:
		step_focus(g, page, committed);
		return UI_HANDLED;
	case UI_A_PGUP:
		step_focus(g, -page, committed);
		return UI_HANDLED;
	default:
		break;
	}
	if (!edit) {
		if (k->act == UI_A_HOME) {
			step_focus(g, -(int)g->n, committed);
			return UI_HANDLED;
		}
		if (k->act == UI_A_END) {
			step_focus(g, (int)g->n, committed);
			return UI_HANDLED;
		}
		return UI_UNHANDLED;
	}
	switch (k->act) {
	case UI_A_TEXT:
		if (k->ch == L' ' && (g->f[g->focus].type == YG_T_CHOICE ||
		    g->f[g->focus].type == YG_T_BOOL)) {
			*committed = cycle_choice(g) ? 1 : -1;
			return UI_HANDLED;
		}
		if (k->ch == L' ' && g->f[g->focus].type == YG_T_ORG) {
			*committed = pick_org(g);
			return UI_HANDLED;
		}
		if (ui_line_insert(l, (wchar_t)k->ch))
			beep();
		return UI_HANDLED;
	case UI_A_LEFT:
		ui_line_left(l);
		return UI_HANDLED;
	case UI_A_RIGHT:
		ui_line_right(l);
		return UI_HANDLED;
	case UI_A_HOME:
		ui_line_home(l);
		return UI_HANDLED;
	case UI_A_END:
		ui_line_end(l);
		return UI_HANDLED;
	case UI_A_BACKSPACE:
		ui_line_backspace(l);
		return UI_HANDLED;
	case UI_A_DELETE:
		ui_line_delete(l);
		return UI_HANDLED;
	case UI_A_KILL:
		ui_line_clear(l);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static int box_width(const struct yg_field *f)
{
	switch (f->type) {
	case YG_T_COUNT:
		return 9;
	case YG_T_AMOUNT:
	case YG_T_DECIMAL:
		return 13;
	case YG_T_DATE:
		return 11;
	case YG_T_CODE:
	case YG_T_ORG:
		return 14;
	case YG_T_CHOICE: {
		/* Wide enough for the longest choice: an option reads whole. */
		int w = 12;

		for (const struct yg_choice *c = f->choices; c && c->value; c++)
			if (ui_width(YG_L(c->zh, c->en)) + 1 > w)
				w = ui_width(YG_L(c->zh, c->en)) + 1;
		return w;
	}
	case YG_T_BOOL:
		return 12;
	case YG_T_TEXT:
	default:
		/* Long texts (a file path) take what the row leaves. */
		if (f->max >= 100)
			return 1000;
		return f->max > 0 && f->max < 12 ? (int)f->max * 2 + 1 : 24;
	}
}

/* The finding about field i, errors first; NULL when none. */
static const struct yg_finding *finding_for(const struct ui_fields *g, size_t i)
{
	const struct yg_finding *best = NULL;
	const char *key = g->f[i].key;

	for (size_t k = 0; g->findings && k < g->findings->n; k++) {
		const struct yg_finding *x = &g->findings->v[k];
		const char *fk = x->field, *dot;

		/* Empty required fields are summed up in one line by the screen:
		 * marking each would shout at a form just begun. */
		if (!fk || !strcmp(x->rule, "REQ"))
			continue;
		if (x->severity == YG_SEV_TARGET && x->met != YG_MISSED)
			continue;
		dot = strrchr(fk, '.');
		if (strcmp(fk, key) && !(dot && !strcmp(dot + 1, key)))
			continue;
		if (!best || x->severity < best->severity)
			best = x;
	}
	return best;
}

static void draw_row(struct ui_fields *g, size_t i, int y, int lw, int bwmax)
{
	const struct yg_field *f = &g->f[i];
	const struct yg_finding *fd;
	int x = 1 + f->indent * 2, bw = box_width(f), rest;
	bool focus = i == g->focus, edit = ui_fields_can_edit(g, i);
	const char *unit = yg_field_unit(f);
	attr_t box_attr;

	if (bw > bwmax)
		bw = bwmax;
	/* The row in focus is marked by ">" and its reversed box alone: a
	 * highlighted label would be written again on every move. */
	if (focus)
		ui_put(y, 0, 1, A_NORMAL, 0, ">");
	ui_put(y, x, lw - x, A_NORMAL, 0, yg_field_label(f));
	x = lw;
	box_attr = focus && edit ? ui_attr(UI_S_FOCUS) :
		edit ? ui_attr(UI_S_FIELD) : ui_attr(UI_S_LOCKED);
	ui_put(y, x, 1, A_NORMAL, 0, edit ? "[" : " ");
	x++;
	if (edit) {
		struct ui_line *l = &g->box[i].line, start;
		size_t count;
		int used, col;

		/* A box not being edited shows the start of its text. */
		if (!focus) {
			start = *l;
			start.cur = start.scroll = 0;
			l = &start;
		}
		ui_line_view(l, bw, &count, &used, &col);
		attrset(box_attr);
		mvhline(y, x, ' ', bw);
		/* Selected text stands out of its box: typing replaces it. */
		if (focus && l->selected)
			attrset(box_attr ^ A_REVERSE);
		else if (g->box[i].carried)
			attrset(box_attr | A_DIM);
		/* Numbers read best flush right, as on paper forms. */
		if (!focus && l->len == count && (f->type == YG_T_COUNT ||
		    f->type == YG_T_AMOUNT || f->type == YG_T_DECIMAL))
			mvaddnwstr(y, x + bw - used - 1 > x ? x + bw - used - 1 : x,
				l->buf + l->scroll, (int)count);
		else
			mvaddnwstr(y, x, l->buf + l->scroll, (int)count);
		/* Text beyond the box is marked, never cut silently. */
		if (!focus && count < l->len && bw > 4)
			mvaddstr(y, x + bw - 2, "..");
		attrset(A_NORMAL);
		if (focus)
			ui_cursor(y, x + col);
	} else {
		char *s = ui_value_text(f, &g->values[i]);

		bool num = f->type == YG_T_COUNT || f->type == YG_T_AMOUNT ||
			f->type == YG_T_DECIMAL;

		ui_put(y, x, num ? bw - 1 : bw, box_attr | (focus ? ui_attr(UI_S_SELECT) : 0),
			num ? UI_RIGHT : UI_PAD, s && *s ? s : "-");
		free(s);
	}
	x += bw;
	ui_put(y, x, 1, A_NORMAL, 0, edit ? "]" : " ");
	x += 2;
	if (unit)
		x += ui_put(y, x, COLS - x, A_NORMAL, 0, unit) + 1;
	if (f->derived)
		x += ui_put(y, x, COLS - x, ui_attr(UI_S_DIM), 0, _("(auto)")) + 1;
	rest = COLS - x;
	if (rest < 4)
		return;
	if (g->box[i].msg) {
		ui_putf(y, x, rest, ui_attr(UI_S_ERROR), 0, "x %s", g->box[i].msg);
	} else if ((fd = finding_for(g, i))) {
		enum ui_style st = fd->severity == YG_SEV_WARNING ? UI_S_WARN : UI_S_ERROR;

		ui_putf(y, x, rest, ui_attr(st), 0, "%s %s %s", fd->severity == YG_SEV_WARNING ? "!" : "x", fd->rule,
			YG_L(fd->zh, fd->en));
	} else if (g->box[i].carried) {
		ui_put(y, x, rest, ui_attr(UI_S_WARN), 0, _("carried, confirm"));
	} else if (g->last && g->last[i].set && !f->derived) {
		char *lv = ui_value_text(f, &g->last[i]);

		ui_putf(y, x, rest, ui_attr(UI_S_DIM), 0, "%s %s", _("last"),
			lv ? lv : "");
		free(lv);
	} else if (edit && (f->type == YG_T_CHOICE || f->type == YG_T_BOOL ||
		   f->type == YG_T_ORG)) {
		/* What the typed code or value stands for, unless the box says
		 * it already. */
		char *s = ui_value_text(f, &g->values[i]), *typed = ui_line_get(&g->box[i].line);

		if (!g->values[i].set && f->type != YG_T_ORG)
			ui_put(y, x, rest, ui_attr(UI_S_DIM), 0,
				_("(Space chooses)"));
		else if (s && *s && (!typed || strcmp(s, typed)))
			ui_put(y, x, rest, ui_attr(UI_S_DIM), 0, s);
		free(s);
		free(typed);
	}
}

void ui_fields_draw(struct ui_fields *g, int y, int rows)
{
	int lw, bwmax;

	if (rows < 1 || g->n == 0)
		return;
	g->rows = rows;
	if (g->focus < g->top)
		g->top = g->focus;
	if (g->focus >= g->top + (size_t)rows)
		g->top = g->focus - (size_t)rows + 1;
	/* Grown taller (a panel below shrank): no blank rows at the end. */
	if (g->top > 0 && g->top + (size_t)rows > g->n)
		g->top = g->n > (size_t)rows ? g->n - (size_t)rows : 0;
	/* Read-only lines (computed ones) before the first box or after the
	 * last one are never focused while editing: at either end, show them,
	 * so that every line of the form can be read at 80x24. */
	if (g->editable) {
		size_t before = 0, after = 0;

		for (size_t i = g->focus + 1; i < g->n && !ui_fields_can_edit(g, i); i++)
			after++;
		if (g->focus + after + 1 == g->n && g->focus + after >= g->top + (size_t)rows) {
			size_t want = g->n - (size_t)rows;

			g->top = want <= g->focus ? want : g->focus;
		}
		for (size_t i = g->focus; i > 0 && !ui_fields_can_edit(g, i - 1); i--)
			before++;
		if (before == g->focus && g->top > 0)
			g->top = 0 + (g->focus >= (size_t)rows ? g->focus - (size_t)rows + 1 : 0);
	}
	/* Labels take what the boxes leave, up to 36 columns. */
	lw = COLS * 2 / 5;
	if (lw > 36)
		lw = 36;
	if (lw < 12)
		lw = 12;
	bwmax = COLS - lw - 8;
	if (bwmax < 6)
		bwmax = 6;
	for (int r = 0; r < rows && g->top + (size_t)r < g->n; r++)
		draw_row(g, g->top + (size_t)r, y + r, lw, bwmax);
	if (g->top > 0)
		ui_put(y, COLS - 3, 3, ui_attr(UI_S_DIM), 0, " ^ ");
	if (g->top + (size_t)rows < g->n)
		ui_put(y + rows - 1, COLS - 3, 3, ui_attr(UI_S_DIM), 0, " v ");
}

/*
 * ui-keys.c — the one table from keys to actions; a screen's own keys are
 * looked up first in its key table (ui-keytab.c writes the key bar and F1
 * help from the same table).
 *
 * Every action that an F-key gives also has a Ctrl or letter key: PuTTY and
 * Xshell often send F-keys the host does not recognise, and some clients
 * keep F1/F10 for themselves.
 */
#include "config.h"

#include "ui-screen.h"

#define CTRL(c) ((c) & 0x1f)

static const struct ui_binding global_keys[] = {
	/* Anywhere, also while a box takes text. */
	{ .code = KEY_F(1), .act = UI_A_HELP, .anywhere = true },
	{ .code = KEY_F(2), .act = UI_A_SAVE, .anywhere = true },
	{ .ch = CTRL('S'), .act = UI_A_SAVE, .anywhere = true },
	{ .code = KEY_F(10), .act = UI_A_SUBMIT, .anywhere = true },
	{ .ch = CTRL('X'), .act = UI_A_SUBMIT, .anywhere = true },
	{ .ch = CTRL('T'), .act = UI_A_SUBMIT, .anywhere = true },
	{ .ch = 27, .act = UI_A_BACK, .anywhere = true },
	/* Esc waits ESCDELAY to tell itself from a sequence; F3 does not. */
	{ .code = KEY_F(3), .act = UI_A_BACK, .anywhere = true },
	{ .ch = CTRL('C'), .act = UI_A_QUIT, .anywhere = true },
	{ .code = KEY_F(5), .act = UI_A_REFRESH, .anywhere = true },
	{ .ch = CTRL('L'), .act = UI_A_REFRESH, .anywhere = true },
	{ .ch = '\t', .act = UI_A_NEXT, .anywhere = true },
	{ .code = KEY_BTAB, .act = UI_A_PREV, .anywhere = true },
	{ .code = KEY_UP, .act = UI_A_UP, .anywhere = true },
	{ .ch = CTRL('P'), .act = UI_A_UP, .anywhere = true },
	{ .code = KEY_DOWN, .act = UI_A_DOWN, .anywhere = true },
	{ .ch = CTRL('N'), .act = UI_A_DOWN, .anywhere = true },
	{ .code = KEY_LEFT, .act = UI_A_LEFT, .anywhere = true },
	{ .ch = CTRL('B'), .act = UI_A_LEFT, .anywhere = true },
	{ .code = KEY_RIGHT, .act = UI_A_RIGHT, .anywhere = true },
	{ .ch = CTRL('F'), .act = UI_A_RIGHT, .anywhere = true },
	{ .code = KEY_HOME, .act = UI_A_HOME, .anywhere = true },
	{ .ch = CTRL('A'), .act = UI_A_HOME, .anywhere = true },
	{ .code = KEY_END, .act = UI_A_END, .anywhere = true },
	{ .ch = CTRL('E'), .act = UI_A_END, .anywhere = true },
	{ .code = KEY_PPAGE, .act = UI_A_PGUP, .anywhere = true },
	{ .code = KEY_NPAGE, .act = UI_A_PGDN, .anywhere = true },
	{ .ch = '\r', .act = UI_A_ENTER, .anywhere = true },
	{ .ch = '\n', .act = UI_A_ENTER, .anywhere = true },
	{ .code = KEY_ENTER, .act = UI_A_ENTER, .anywhere = true },
	{ .code = KEY_BACKSPACE, .act = UI_A_BACKSPACE, .anywhere = true },
	{ .ch = 0x7f, .act = UI_A_BACKSPACE, .anywhere = true },
	{ .ch = CTRL('H'), .act = UI_A_BACKSPACE, .anywhere = true },
	{ .code = KEY_DC, .act = UI_A_DELETE, .anywhere = true },
	{ .ch = CTRL('D'), .act = UI_A_DELETE, .anywhere = true },
	{ .ch = CTRL('U'), .act = UI_A_KILL, .anywhere = true },
	/* Only where no box takes text. */
	{ .ch = '?', .act = UI_A_HELP },
	{ .ch = 'q', .act = UI_A_QUIT },
	{ .ch = '[', .act = UI_A_PREV_MONTH },
	{ .ch = ']', .act = UI_A_NEXT_MONTH },
	{ .ch = '/', .act = UI_A_FILTER },
	{ .ch = 's', .act = UI_A_SORT },
	{ .ch = 'a', .act = UI_A_ADD },
	{ .ch = 'd', .act = UI_A_REMOVE },
	{ .ch = 'k', .act = UI_A_UP },
	{ .ch = 'j', .act = UI_A_DOWN },
	{ .act = 0 }
};

/* Sequences that some SSH clients send and some terminfo entries lack:
 * PuTTY's default F1–F4 (ESC [ 11~ …), the Linux console's (ESC [ [ A …),
 * VT100 F1–F4, and Home/End in their several spellings. */
static const struct {
	const char *seq;
	int code;
} sequences[] = {
	{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) },
	{ "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
	{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) },
	{ "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) }, { "\033[[E", KEY_F(5) },
	{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) },
	{ "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
	{ "\033[15~", KEY_F(5) }, { "\033[21~", KEY_F(10) },
	{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
	{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
	{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
	{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
	{ "\033[3~", KEY_DC }, { "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	{ "\033[Z", KEY_BTAB },
};

void ui_keys_init(void)
{
	for (size_t i = 0; i < sizeof sequences / sizeof sequences[0]; i++)
		if (key_defined(sequences[i].seq) == 0)
			define_key(sequences[i].seq, sequences[i].code);
}

static const struct ui_binding *lookup(const struct ui_binding *t, int rc, wint_t wc,
	bool text_input)
{
	for (; t && t->act; t++) {
		if (text_input && !t->anywhere)
			continue;
		if (rc == KEY_CODE_YES ? t->code && t->code == (int)wc : t->ch && t->ch == wc)
			return t;
	}
	return NULL;
}

bool ui_key_crlf_tail(int rc, wint_t wc)
{
	static bool after_cr;
	bool tail = after_cr && rc == OK && wc == '\n';

	after_cr = rc == OK && wc == '\r';
	return tail;
}

/* The row of a screen's table that the key read belongs to. */
struct own_key {
	int rc;
	wint_t wc;
	bool text_input;
	int act;
};

static void find_own(const struct ui_keydef *t, size_t n, void *ctx)
{
	struct own_key *o = ctx;

	for (size_t i = 0; i < n && !o->act; i++) {
		const struct ui_keydef *d = &t[i];

		if (d->off || (o->text_input && !d->anywhere))
			continue;
		if (o->rc == KEY_CODE_YES ? d->code && d->code == (int)o->wc :
		    (d->ch && d->ch == o->wc) || (d->ch2 && d->ch2 == o->wc))
			o->act = d->act;
	}
}

void ui_key_map(int rc, wint_t wc, struct ui_screen *s, struct ui_key *out)
{
	struct own_key own = { rc, wc, s && s->text_input, UI_A_NONE };
	const struct ui_binding *b = NULL;

	out->act = UI_A_NONE;
	out->ch = rc == KEY_CODE_YES ? 0 : wc;
	out->code = rc == KEY_CODE_YES ? (int)wc : 0;
	if (s && s->ops->keys)
		s->ops->keys(s, find_own, &own);
	if (own.act) {
		out->act = own.act;
		return;
	}
	b = lookup(global_keys, rc, wc, own.text_input);
	if (b)
		out->act = b->act;
	else if (rc != KEY_CODE_YES && wcwidth((wchar_t)wc) > 0)
		out->act = UI_A_TEXT;
}

bool ui_list_move(size_t *sel, size_t n, int act, size_t page)
{
	size_t last = n ? n - 1 : 0;

	switch (act) {
	case UI_A_UP:
		if (*sel > 0)
			(*sel)--;
		return true;
	case UI_A_DOWN:
		if (*sel < last)
			(*sel)++;
		return true;
	case UI_A_PGUP:
		*sel = *sel > page ? *sel - page : 0;
		return true;
	case UI_A_PGDN:
		*sel = *sel + page < last ? *sel + page : last;
		return true;
	case UI_A_HOME:
		*sel = 0;
		return true;
	case UI_A_END:
		*sel = last;
		return true;
	default:
		return false;
	}
}

/*
 * ui-keytab.c — the key bar and F1 help of a screen, written from its key
 * table (struct ui_keydef, ui-screen.h), the same table the loop dispatches
 * keys from (ui-keys.c): what the bar and help say is what the keys do.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ui-screen.h"

/* Text built up by the table walkers below. */
struct text {
	char *s;
	bool oom;
};

static void add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	char *more, *s;

	va_start(ap, fmt);
	more = yg_vasprintf(fmt, ap);
	va_end(ap);
	s = more ? yg_asprintf("%s%s", t->s ? t->s : "", more) : NULL;
	free(more);
	if (!s)
		t->oom = true;
	free(t->s);
	t->s = s;
}

static void footer_of(const struct ui_keydef *t, size_t n, void *ctx)
{
	struct text *out = ctx;

	for (size_t i = 0; i < n; i++)
		if (!t[i].off && !t[i].quiet && t[i].key && t[i].label)
			add(out, "%s%s %s", out->s ? "  " : "", t[i].key, t[i].label);
}

char *ui_keys_footer(struct ui_screen *s)
{
	struct text out = { 0 };

	if (s->ops->keys)
		s->ops->keys(s, footer_of, &out);
	return out.s ? out.s : yg_strdup("");
}

void ui_draw_keys(struct ui_screen *s)
{
	char *keys = ui_keys_footer(s);

	ui_draw_footer(keys ? keys : "");
	free(keys);
}

/* Help lists a key, then its text from one column on: the widest key
 * (plus two spaces) sets the column, lines of the text go on under it. */
static void help_of(const struct ui_keydef *t, size_t n, void *ctx)
{
	struct text *out = ctx;
	int col = 0;

	for (size_t i = 0; i < n; i++) {
		const char *k = t[i].hkey ? t[i].hkey : t[i].key;

		if (!t[i].off && t[i].help && k && ui_width(k) + 2 > col)
			col = ui_width(k) + 2;
	}
	for (size_t i = 0; i < n; i++) {
		const char *k = t[i].hkey ? t[i].hkey : t[i].key;
		const char *p = t[i].help;

		if (t[i].off || !p)
			continue;
		if (!k) {
			add(out, "%s\n", p);
			continue;
		}
		add(out, "%s%*s", k, col - ui_width(k), "");
		for (;;) {
			size_t len = strcspn(p, "\n");

			add(out, "%.*s\n", (int)len, p);
			if (!p[len])
				break;
			p += len + 1;
			add(out, "%*s", col, "");
		}
	}
}

char *ui_keys_help(struct ui_screen *s)
{
	struct text out = { 0 };
	const char *intro = YG_L(s->ops->help_zh, s->ops->help_en);

	if (intro)
		add(&out, "%s", intro);
	if (s->ops->keys)
		s->ops->keys(s, help_of, &out);
	/* ui_help shows lines; the last needs no end. */
	if (out.s && *out.s && out.s[strlen(out.s) - 1] == '\n')
		out.s[strlen(out.s) - 1] = '\0';
	if (out.oom) {
		free(out.s);
		return NULL;
	}
	return out.s;
}

/*
 * ui-draw.c — drawing helpers shared by every screen: width-aware text,
 * styles with and without colour, header, footer, rules.
 */
#include "config.h"

#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui-screen.h"

static attr_t styles[UI_S_COUNT];

void ui_styles_init(void)
{
	const char *nc = getenv("NO_COLOR");
	/* Without colour: attributes every terminal has. */
	static const attr_t mono[UI_S_COUNT] = {
		[UI_S_NORMAL] = A_NORMAL,
		[UI_S_HEADER] = A_REVERSE,
		[UI_S_TITLE] = A_BOLD,
		[UI_S_SELECT] = A_REVERSE,
		/* An input box is its brackets, the one being edited reversed,
		 * in colour too: moving between boxes then rewrites the two
		 * boxes' blanks and nothing else, and a typed character costs
		 * one attribute (bytes to the terminal, README). */
		[UI_S_FIELD] = A_NORMAL,
		[UI_S_FOCUS] = A_REVERSE,
		[UI_S_LOCKED] = A_NORMAL,
		[UI_S_ERROR] = A_BOLD,
		[UI_S_WARN] = A_BOLD,
		[UI_S_OK] = A_NORMAL,
		[UI_S_DIM] = A_DIM,
		[UI_S_KEY] = A_BOLD,
	};

	memcpy(styles, mono, sizeof styles);
	if ((nc && *nc) || !has_colors() || start_color() != OK || COLORS < 8)
		return;
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);   /* header */
	init_pair(2, COLOR_BLACK, COLOR_CYAN);   /* selection */
	init_pair(3, COLOR_RED, -1);             /* error */
	init_pair(4, COLOR_YELLOW, -1);          /* warning */
	init_pair(5, COLOR_GREEN, -1);           /* ok */
	init_pair(6, COLOR_CYAN, -1);            /* key names, titles */
	styles[UI_S_HEADER] = COLOR_PAIR(1) | A_BOLD;
	styles[UI_S_TITLE] = COLOR_PAIR(6) | A_BOLD;
	styles[UI_S_SELECT] = COLOR_PAIR(2);
	styles[UI_S_ERROR] = COLOR_PAIR(3) | A_BOLD;
	styles[UI_S_WARN] = COLOR_PAIR(4) | A_BOLD;
	styles[UI_S_OK] = COLOR_PAIR(5);
	styles[UI_S_KEY] = COLOR_PAIR(6) | A_BOLD;
}

attr_t ui_attr(enum ui_style st)
{
	return st < UI_S_COUNT ? styles[st] : A_NORMAL;
}

/* Decodes the next character of s (n bytes left); returns bytes used, 0 at
 * the end; bad bytes come back as U+FFFD one at a time. */
static size_t next_char(const char *s, size_t n, wchar_t *wc)
{
	mbstate_t st;
	size_t r;

	if (n == 0)
		return 0;
	memset(&st, 0, sizeof st);
	r = mbrtowc(wc, s, n, &st);
	if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
		*wc = 0xfffd;
		return 1;
	}
	return r;
}

/*
 * Characters of East Asian "ambiguous" width that messages use: glibc gives
 * them one column, Chinese SSH clients often draw two, and the rest of the
 * row slides.  Screens draw them as ASCII, which every client agrees on.
 */
static const struct {
	wchar_t wc;
	const char *ascii;
} ambiguous[] = {
	{ 0x2265, ">=" }, { 0x2264, "<=" }, { 0x2260, "!=" },
	{ 0x201c, "\"" }, { 0x201d, "\"" }, { 0x2018, "'" }, { 0x2019, "'" },
	{ 0x2014, "-" }, { 0x2013, "-" }, { 0x2026, "..." }, { 0x00b7, "." },
	{ 0x00d7, "x" }, { 0x00f7, "/" }, { 0x00b1, "+-" }, { 0x2192, "->" },
	{ 0x2190, "<-" }, { 0x2191, "^" }, { 0x2193, "v" }, { 0x203b, "*" },
	{ 0x25cb, "o" }, { 0x25cf, "*" }, { 0x2500, "-" }, { 0x2502, "|" },
	{ 0x00b0, "o" }, { 0x2103, "C" },
};

static const char *ascii_for(wchar_t wc)
{
	if (wc < 0xb0)
		return NULL;
	for (size_t i = 0; i < sizeof ambiguous / sizeof ambiguous[0]; i++)
		if (ambiguous[i].wc == wc)
			return ambiguous[i].ascii;
	return NULL;
}

static int char_width(wchar_t wc)
{
	const char *a = ascii_for(wc);
	int w;

	if (a)
		return (int)strlen(a);
	w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

int ui_width(const char *s)
{
	size_t n = s ? strlen(s) : 0, r;
	wchar_t wc;
	int w = 0;

	while ((r = next_char(s, n, &wc)) > 0) {
		w += char_width(wc);
		s += r;
		n -= r;
	}
	return w;
}

int ui_put(int y, int x, int width, attr_t attr, unsigned flags, const char *s)
{
	size_t n = s ? strlen(s) : 0, r, k = 0;
	wchar_t *buf, wc;
	int used = 0, w;

	if (y < 0 || y >= LINES || x < 0 || x >= COLS || width <= 0)
		return 0;
	if (x + width > COLS)
		width = COLS - x;
	if ((flags & UI_CLIP) && width > 2 && ui_width(s) > width) {
		char *c = ui_clip(s, width);

		if (c) {
			w = ui_put(y, x, width, attr, flags & ~(unsigned)UI_CLIP, c);
			free(c);
			return w;
		}
	}
	/* At most four ASCII characters stand for one (ascii_for). */
	buf = malloc((4 * n + 1) * sizeof *buf);
	if (!buf)
		return 0;
	while ((r = next_char(s, n, &wc)) > 0) {
		const char *a = ascii_for(wc);

		s += r;
		n -= r;
		if (a) {
			if (used + (int)strlen(a) > width)
				break;
			while (*a) {
				buf[k++] = (wchar_t)*a++;
				used++;
			}
			continue;
		}
		w = wcwidth(wc);
		if (w == 0)
			continue; /* combining marks and controls: not ours to draw */
		if (w < 0) {
			wc = L'?';
			w = 1;
		}
		if (used + w > width)
			break;
		buf[k++] = wc;
		used += w;
	}
	buf[k] = 0;
	if ((flags & UI_RIGHT) && used < width) {
		attrset(attr);
		mvhline(y, x, ' ', width - used);
		x += width - used;
		used = width;
		flags &= ~(unsigned)UI_PAD;
	}
	attrset(attr);
	mvaddnwstr(y, x, buf, (int)k);
	if ((flags & UI_PAD) && used < width) {
		/* hline fills with the attribute but leaves the cursor alone. */
		mvhline(y, x + used, ' ', width - used);
		used = width;
	}
	attrset(A_NORMAL);
	free(buf);
	return used;
}

int ui_putf(int y, int x, int width, attr_t attr, unsigned flags, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int w;

	va_start(ap, fmt);
	s = yg_vasprintf(fmt, ap);
	va_end(ap);
	w = ui_put(y, x, width, attr, flags, s ? s : "");
	free(s);
	return w;
}

char *ui_clip(const char *s, int width)
{
	size_t n = s ? strlen(s) : 0, r, len = 0;
	wchar_t wc;
	int used = 0, w;

	if (ui_width(s) <= width)
		return yg_strdup(s ? s : "");
	/* Leave room for "..". */
	while ((r = next_char(s + len, n - len, &wc)) > 0) {
		w = char_width(wc);
		if (used + w > width - 2)
			break;
		used += w;
		len += r;
	}
	return yg_asprintf("%.*s..", (int)len, s);
}

void ui_rule(int y, const char *title)
{
	attrset(ui_attr(UI_S_DIM));
	mvhline(y, 0, '-', COLS);
	attrset(A_NORMAL);
	if (title && *title) {
		int w = ui_width(title) + 2;
		int x = COLS > w + 8 ? 4 : 0;

		ui_putf(y, x, COLS - x, ui_attr(UI_S_TITLE), 0, " %s ", title);
	}
}

void ui_draw_header(const char *title)
{
	const struct yg_user *u = yg_actor(ui_db());
	const char *real = yg_acting_for(ui_db());
	const char *login = u ? u->login : "?", *role = u ? yg_role_label(u->role) : "";
	char today[11], *left, *right = NULL;
	int lw, rw;

	yg_date_format(yg_date_today(), today);
	left = yg_asprintf(" %s | %s", _("Yigong"), title ? title : "");
	lw = ui_width(left);
	/* The most that fits beside the title: who, as whom, role, date. */
	for (int level = 0; level < 3; level++) {
		free(right);
		if (real)
			right = yg_asprintf("%s %s %s%s%s%s%s ", real, _("as"), login,
				level < 2 ? " | " : "", level < 2 ? role : "",
				level < 1 ? " | " : "", level < 1 ? today : "");
		else
			right = yg_asprintf("%s %s%s%s ", role, login, level < 1 ? " | " : "",
				level < 1 ? today : "");
		if (!right || lw + 2 + ui_width(right) <= COLS)
			break;
	}
	rw = right ? ui_width(right) : 0;
	attrset(ui_attr(UI_S_HEADER));
	mvhline(0, 0, ' ', COLS);
	if (rw > COLS / 2 && lw + 2 + rw > COLS)
		rw = 0;
	if (rw)
		ui_put(0, COLS - rw, rw, ui_attr(UI_S_HEADER), 0, right);
	ui_put(0, 0, COLS - rw - 1, ui_attr(UI_S_HEADER), 0, left);
	free(left);
	free(right);
	ui_rule(1, NULL);
}

int ui_body_top(void)
{
	return 2;
}

int ui_body_rows(void)
{
	return LINES - 5 > 0 ? LINES - 5 : 0;
}

void ui_draw_footer(const char *keys)
{
	static const enum ui_style kinds[] = {
		[UI_MSG_INFO] = UI_S_NORMAL, [UI_MSG_OK] = UI_S_OK,
		[UI_MSG_WARN] = UI_S_WARN, [UI_MSG_ERROR] = UI_S_ERROR,
	};
	enum ui_msg kind;
	const char *msg = ui_message(&kind);
	const char *p = keys;
	int x = 1, y = LINES - 1;

	ui_rule(LINES - 3, NULL);
	if (msg)
		ui_putf(LINES - 2, 0, COLS, ui_attr(kinds[kind]), UI_PAD, " %s", msg);
	/* "KEY label  KEY label": the key names stand out.  Never cut a key
	 * silently: what does not fit gives way to "? 更多", and help (?, F1)
	 * lists every key of the screen. */
	const char *more = _("? more");
	int room = ui_width(keys) + 1 > COLS ? COLS - ui_width(more) - 2 : COLS;

	while (p && *p && x < COLS) {
		size_t klen = strcspn(p, " ");
		const char *end = strstr(p + klen, "  ");
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *key = yg_asprintf("%.*s", (int)klen, p);
		char *label = yg_asprintf("%.*s", (int)(len - klen), p + klen);

		if (room < COLS && (x + ui_width(key) + ui_width(label) > room ||
		    (klen == 1 && *p == '?'))) {
			free(key);
			free(label);
			x += ui_put(y, x, COLS - x, ui_attr(UI_S_KEY), 0, "?");
			ui_put(y, x, COLS - x, A_NORMAL, 0, more + 1);
			break;
		}

		x += ui_put(y, x, COLS - x, ui_attr(UI_S_KEY), 0, key);
		x += ui_put(y, x, COLS - x, A_NORMAL, 0, label);
		x += 2;
		free(key);
		free(label);
		p += len;
		while (*p == ' ')
			p++;
	}
}

char *ui_value_text(const struct yg_field *f, const struct yg_value *v)
{
	if (!v || !v->set)
		return yg_strdup("");
	if (f->type == YG_T_CHOICE && f->choices && v->text) {
		for (const struct yg_choice *c = f->choices; c->value; c++)
			if (!strcmp(c->value, v->text))
				return yg_strdup(YG_L(c->zh, c->en));
	}
	if (f->type == YG_T_BOOL)
		return yg_strdup(v->num ? _("yes") : _("no"));
	if (f->type == YG_T_ORG && v->text) {
		struct yg_org o = { 0 };
		char *name = NULL;

		/* Units are shown by name; the code is what is typed and stored. */
		if (yg_org_get(ui_db(), v->text, &o) == YG_OK)
			name = yg_strdup(o.name);
		yg_org_clear(&o);
		if (name)
			return name;
	}
	return yg_field_format(f, v);
}

size_t ui_wrap(const char *text, int width, char ***lines)
{
	const char *p = text ? text : "";
	size_t n = 0;

	*lines = NULL;
	if (width < 2)
		width = 2;
	while (*p) {
		size_t i = 0, last_space = 0, cut;
		int used = 0;
		char **v;

		while (p[i] && p[i] != '\n') {
			char one[MB_LEN_MAX + 1];
			mbstate_t st;
			wchar_t wc;
			size_t r;
			int w;

			memset(&st, 0, sizeof st);
			r = mbrtowc(&wc, p + i, strlen(p + i), &st);
			if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
				r = 1;
				wc = L'?';
			}
			/* As ui_put will draw it (ASCII for ambiguous ones). */
			memcpy(one, p + i, r < MB_LEN_MAX ? r : MB_LEN_MAX);
			one[r < MB_LEN_MAX ? r : MB_LEN_MAX] = '\0';
			w = ui_width(one);
			/* A character wider than the box still takes a line. */
			if (used + w > width && i > 0)
				break;
			if (wc == L' ')
				last_space = i;
			used += w;
			i += r;
		}
		cut = p[i] && p[i] != '\n' && last_space > 0 && i - last_space < 20 ? last_space : i;
		v = realloc(*lines, (n + 1) * sizeof *v);
		if (!v)
			break;
		*lines = v;
		v[n++] = yg_asprintf("%.*s", (int)cut, p);
		p += cut;
		if (cut == last_space && cut != i)
			p++;
		else if (*p == '\n')
			p++;
	}
	return n;
}

void ui_wrap_free(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

int ui_put_wrapped(int y, int x, int width, int rows, attr_t a, const char *text)
{
	char **v;
	size_t n = ui_wrap(text, width, &v);
	int r;

	for (r = 0; r < rows && (size_t)r < n; r++) {
		if (r == rows - 1 && (size_t)r + 1 < n && width > 4) {
			/* Cut: say so rather than end mid-sentence unseen. */
			ui_put(y + r, x, width - 3, a, 0, v[r]);
			ui_put(y + r, x + width - 3, 3, a, 0, "...");
		} else {
			ui_put(y + r, x, width, a, 0, v[r]);
		}
	}
	ui_wrap_free(v, n);
	return r;
}

char *ui_output_dir(void)
{
	const char *d = getenv("YIGONG_EXPORT_DIR");
	const struct passwd *pw;

	if (d && *d == '/')
		return yg_strdup(d);
	d = getenv("HOME");
	if (d && *d == '/')
		return yg_strdup(d);
	pw = getpwuid(getuid());
	return yg_strdup(pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : ".");
}

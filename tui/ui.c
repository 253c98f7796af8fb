/*
 * ui.c — the terminal: start and stop curses, the screen stack, the one
 * event loop, signals.  See ui-screen.h for how screens plug in.
 */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui.h"
#include "ui-screen.h"

static struct {
	yg_db *db;
	struct ui_screen *top;
	size_t depth;
	bool quit;
	bool curses_on;
	int popped_result;
	int cur_y, cur_x;
	bool dirty;     /* the screen must be painted again */
	char *msg;
	enum ui_msg msg_kind;
} U;

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

yg_db *ui_db(void)
{
	return U.db;
}

bool ui_quitting(void)
{
	return U.quit;
}

void ui_cursor(int y, int x)
{
	U.cur_y = y;
	U.cur_x = x;
}

void ui_flash(enum ui_msg kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	free(U.msg);
	U.msg = yg_vasprintf(fmt, ap);
	U.msg_kind = kind;
	va_end(ap);
}

void ui_flash_error(void)
{
	ui_flash(UI_MSG_ERROR, "%s", yg_errmsg());
}

/* For ui-draw.c: the message line's text and kind. */
const char *ui_message(enum ui_msg *kind)
{
	*kind = U.msg_kind;
	return U.msg;
}

void ui_push(struct ui_screen *s)
{
	s->below = U.top;
	U.top = s;
	U.depth++;
	U.dirty = true;
}

static void pop(void)
{
	struct ui_screen *s = U.top;
	bool modal;

	U.top = s->below;
	U.depth--;
	U.dirty = true;
	U.popped_result = s->result;
	modal = s->modal;
	s->ops->leave(s);
	if (U.top && U.top->ops->resume && !U.quit && !modal)
		U.top->ops->resume(U.top);
}

/* An overlay is drawn over the screen below it: both must fit. */
static bool too_small(const struct ui_screen *s)
{
	int cols = s->ops->min_cols ? s->ops->min_cols : UI_MIN_COLS;
	int lines = s->ops->min_lines ? s->ops->min_lines : UI_MIN_LINES;

	if (COLS < cols || LINES < lines)
		return true;
	return s->ops->overlay && s->below && too_small(s->below);
}

static const struct ui_screen *needs_most(const struct ui_screen *s)
{
	while (s->ops->overlay && s->below)
		s = s->below;
	return s;
}

static void draw_stack(struct ui_screen *s)
{
	if (s->ops->overlay && s->below)
		draw_stack(s->below);
	s->ops->draw(s);
}

static void paint(void)
{
	erase();
	U.cur_y = -1;
	if (too_small(U.top)) {
		int y = LINES / 2;
		/* Nothing else fits; say so in both languages, the user may not
		 * have chosen one yet in their head. */
		ui_put(y > 0 ? y - 1 : 0, 0, COLS, ui_attr(UI_S_ERROR), 0, _("Terminal too small"));
		const struct ui_screen *big = needs_most(U.top);

		ui_putf(y, 0, COLS, A_NORMAL, 0, "%s %dx%d", _("need at least"),
			big->ops->min_cols ? big->ops->min_cols : UI_MIN_COLS,
			big->ops->min_lines ? big->ops->min_lines : UI_MIN_LINES);
	} else {
		draw_stack(U.top);
	}
	if (U.cur_y >= 0) {
		move(U.cur_y, U.cur_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

static void hangup_all(void)
{
	for (struct ui_screen *s = U.top; s; s = s->below)
		if (s->ops->hangup)
			s->ops->hangup(s);
}

/* Asks every screen, top first, whether it may close. */
static bool close_all(void)
{
	for (struct ui_screen *s = U.top; s && !U.quit; s = s->below)
		if (s->ops->close && !s->ops->close(s))
			return false;
	return true;
}

static void stop_curses(void)
{
	if (U.curses_on && !isendwin())
		endwin();
}

static void default_action(struct ui_screen *s, const struct ui_key *k, int *flags)
{
	switch (k->act) {
	case UI_A_HELP: {
		char *help = ui_keys_help(s);

		if (help)
			ui_help(_("Help"), help);
		free(help);
		break;
	}
	case UI_A_BACK:
		if (!s->ops->close || s->ops->close(s))
			*flags |= UI_POP;
		break;
	case UI_A_QUIT:
		*flags |= UI_QUIT;
		break;
	default:
		break;
	}
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Runs until the stack is shallower than depth, or the program quits. */
static void run(size_t depth)
{
	int fast_errors = 0;

	while (!U.quit && U.top && U.depth >= depth) {
		struct ui_screen *s = U.top;
		struct ui_key k;
		double t0;
		wint_t wc;
		int rc, flags;

		if (got_signal) {
			/* Save first: the terminal may be gone already. */
			hangup_all();
			U.quit = true;
			stop_curses();
			break;
		}
		/* Paint after whatever happened, not on every timeout: draw
		 * callbacks may ask the core for names and dates. */
		if (U.dirty) {
			paint();
			U.dirty = false;
		}
		t0 = now_ms();
		rc = get_wch(&wc);
		if (got_signal)
			continue;
		if (rc == ERR) {
			/* A timeout takes UI_TICK_MS; errors back at once, again and
			 * again, mean the terminal went away without a SIGHUP. */
			if (now_ms() - t0 < UI_TICK_MS / 4) {
				if (++fast_errors > 50)
					got_signal = SIGHUP;
			} else {
				fast_errors = 0;
			}
			continue;
		}
		fast_errors = 0;
		U.dirty = true;
		if (ui_key_crlf_tail(rc, wc))
			continue;
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			for (struct ui_screen *r = U.top; r; r = r->below)
				if (r->ops->resize)
					r->ops->resize(r);
			continue;
		}
		if (too_small(s))
			continue;
		free(U.msg);
		U.msg = NULL;
		ui_key_map(rc, wc, s, &k);
		if (k.act == UI_A_NONE)
			continue;
		if (k.act == UI_A_REFRESH)
			clearok(curscr, TRUE);
		flags = s->ops->key(s, &k);
		if (flags & UI_UNHANDLED)
			default_action(s, &k, &flags);
		if (U.quit)
			break;
		if (flags & UI_POP)
			pop();
		if ((flags & UI_QUIT) && close_all())
			U.quit = true;
	}
}

int ui_modal(struct ui_screen *s)
{
	size_t depth;

	s->modal = true;
	ui_push(s);
	depth = U.depth;
	run(depth);
	return U.quit ? -1 : U.popped_result;
}

void ui_loop(void)
{
	run(1);
}

int ui_run(yg_db *db, void (*first)(void))
{
	struct sigaction sa;
	SCREEN *scr;
	int sig;

	memset(&U, 0, sizeof U);
	U.db = db;
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		yg_fail(YG_EINVAL, "cannot use this terminal (TERM=%s)",
			getenv("TERM") ? getenv("TERM") : "");
		fprintf(stderr, "yigong: %s\n", yg_errmsg());
		return 1;
	}
	U.curses_on = true;
	atexit(stop_curses);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	/* raw, not cbreak: Ctrl-S and Ctrl-C are keys here (flow control
	 * would freeze the screen on Ctrl-S). */
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(UI_TICK_MS);
	ui_keys_init();
	ui_styles_init();

	first();
	ui_loop();

	while (U.top)
		pop();
	stop_curses();
	delscreen(scr);
	U.curses_on = false;
	free(U.msg);
	U.msg = NULL;
	sig = got_signal;
	return sig ? 128 + sig : 0;
}

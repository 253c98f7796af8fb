/*
 * ui-screen.h — the framework every terminal screen of Yigong is built on.
 *
 * How it fits together (read this before adding a screen)
 *
 *  Screens.  A screen is a struct ui_screen whose ops point at a constant
 *  table of callbacks, filled with designated initialisers in the screen's
 *  own file (tui/ui-home.c, tui/ui-form.c …):
 *
 *	static const struct ui_screen_ops review_ops = {
 *		.name = "review",
 *		.draw = review_draw,    // paint the whole screen on stdscr
 *		.key = review_key,      // one key, already turned into an action
 *		.leave = review_leave,  // popped: free the state (no prompts here)
 *	};
 *
 *  A screen embeds struct ui_screen as its first member, allocates itself
 *  and calls ui_push(&s->base).  Handlers get the base back and cast.
 *
 *  One loop.  ui_loop() in tui/ui.c is the only place that reads keys
 *  (get_wch with a 200 ms timeout).  It maps each key to an action through
 *  the key table (tui/ui-keys.c), hands it to the top screen's key handler
 *  and acts on the flags it returns:
 *	UI_HANDLED   nothing else to do
 *	UI_REDRAW    paint the screen stack again
 *	UI_POP       take this screen off the stack (its leave is called)
 *	UI_QUIT      leave the program (every screen is asked to close first)
 *	UI_UNHANDLED the loop applies the default: help shows ops->help and
 *	             the key table, back pops (after ops->close agrees),
 *	             quit quits
 *  After every key, resize, push or pop the stack is painted again (curses
 *  sends only what changed), so a handler that changed its state need not
 *  say REDRAW; nothing is painted on a mere timeout.  Draw callbacks may
 *  call the core, but keep it cheap: load in key handlers and resume.
 *
 *  Keys.  Actions (enum ui_action) come from ONE table: F-keys and their
 *  Ctrl/letter equivalents for SSH clients that garble F-keys (PuTTY,
 *  Xshell), and the raw sequences PuTTY sends for F1–F4.  Letters are
 *  actions (q, ?, [, ], /, a, d, s) only while the screen is not taking text
 *  (ui_screen.text_input false); while it is, they arrive as UI_A_TEXT.
 *
 *  Each screen writes its keys once, in a key table (struct ui_keydef)
 *  that ops->keys hands to the framework; the loop dispatches from it, and
 *  the key bar (ui_draw_keys) and F1 help (ui_keys_help) are drawn from it,
 *  so that the three cannot disagree.  A row names the key as the user
 *  sees it, its word in the key bar, its line in help, and the action the
 *  screen's handler gets: a row with ch/code binds a key of the screen's
 *  own (UI_A_SCREEN + n, looked up before the global table: letters only
 *  when not taking text, rows marked anywhere always; give every F-key a
 *  Ctrl twin); a row without names a global action the handler takes (Enter,
 *  [ ], Esc).  The table is built on each call from the screen's state, so
 *  a condition is an expression: .off (not taken, not shown) for keys that
 *  do not apply to this role or state, .quiet (taken, in help only) for
 *  keys that need no place in the bar.  Labels are catalogue messages (_()),
 *  looked up in the language of the moment:
 *
 *	static void review_keys(struct ui_screen *s, ui_keys_use *use, void *ctx)
 *	{
 *		const struct ui_keydef t[] = {
 *			{ "Enter", _("view"), _("view the return"),
 *			  .act = UI_A_ENTER },
 *			{ "a", C_("key", "approve"), _(…), .act = A_APPROVE, .ch = 'a' },
 *		};
 *		UI_KEYS(use, ctx, t);
 *	}
 *
 *  Modal dialogs.  ui_choose, ui_prompt, ui_alert and ui_help push a small
 *  screen and run the same loop until it pops (ui_modal), then return its
 *  answer; so flows such as "ask for an explanation of each warning, then
 *  submit" are written as plain sequential code.  After any of them returns,
 *  check ui_quitting(): on SIGHUP/SIGTERM the loop unwinds and the caller
 *  must return at once without drawing.  A modal screen's pop does not call
 *  resume on the screen below (its state is in use by the caller).
 *
 *  Building blocks.  ui-fields.h: a column of labelled input boxes over the
 *  values of any spec (edit or read-only, with findings marked beside);
 *  ui-screens.h: ui_values_edit() (a modal editor of one spec's values with
 *  a save callback), ui_form_open(), ui_roster_open(); ui-lineedit.h: the
 *  single-line editor every box uses.
 *
 *  Layout.  Line 0 is the header (ui_draw_header), line 1 a rule, the body
 *  lines 2 … LINES-4 (ui_body_top / ui_body_rows), a rule at LINES-3, the
 *  message line at LINES-2 (ui_flash) and the key bar at LINES-1
 *  (ui_draw_footer).  Below ops->min_cols × ops->min_lines (default
 *  UI_MIN_COLS × UI_MIN_LINES) the loop shows "terminal too small" instead
 *  of calling draw, and swallows keys until the terminal grows.
 *
 *  Text.  All drawing goes through ui_put(), which measures UTF-8 with
 *  wcwidth, never lets a double-width character cross the given width, and
 *  draws ambiguous-width punctuation from messages (≥ “ ” — …) as ASCII.
 *  Frames and marks are ASCII only (ambiguous-width characters break rows in
 *  Chinese SSH clients).  Styles come from ui_attr(): colours when the
 *  terminal has them and NO_COLOR is unset, else bold/reverse/underline.
 *
 *  Hang-up.  SIGHUP and SIGTERM only set a flag.  The loop then calls
 *  ops->hangup of every screen on the stack, top first — save what is on
 *  screen, no curses, no prompts — restores the terminal and unwinds.
 *
 *  Database.  Screens call the core with ui_db(); a screen never opens SQL.
 *
 *  Layers.  A file calls only files on the lines below its own, never
 *  above nor beside (only the framework's files call each other): a
 *  screen opens the screens below it and none that can open it back.
 *	main.c          chooses the first screen and passes it to ui_run
 *	ui-home.c ui-review.c                     the first screens
 *	ui-form.c ui-subview.c ui-dashboard.c ui-export.c ui-admin.c
 *	ui-roster.c ui-targets.c
 *	ui-edit.c ui-decide.c ui-setting.c        shared: the record editor,
 *	                                          the reviewer's decisions, the
 *	                                          prompt for a county setting
 *	ui-fields.c                               the column of boxes
 *	ui.c ui-keys.c ui-keytab.c ui-draw.c ui-dialog.c ui-lineedit.c
 *	                the framework (this header): one module, its files
 *	                call each other (the loop draws, dialogs run the loop)
 *	core/ forms/    through yigong.h
 */
#ifndef YIGONG_UI_SCREEN_H
#define YIGONG_UI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "ui-curses.h"
#include "yigong.h"

/* How long get_wch waits, so that a signal's flag is seen promptly. */
#define UI_TICK_MS 200

#define UI_MIN_COLS 50
#define UI_MIN_LINES 14

enum ui_action {
	UI_A_NONE = 0,
	UI_A_TEXT,       /* a printable character: ui_key.ch */
	UI_A_UP,
	UI_A_DOWN,
	UI_A_LEFT,
	UI_A_RIGHT,
	UI_A_HOME,
	UI_A_END,
	UI_A_PGUP,
	UI_A_PGDN,
	UI_A_NEXT,       /* Tab */
	UI_A_PREV,       /* Shift-Tab */
	UI_A_ENTER,
	UI_A_BACKSPACE,
	UI_A_DELETE,     /* Delete: the character under the cursor */
	UI_A_KILL,       /* Ctrl-U: clear the box */
	UI_A_SAVE,       /* F2, Ctrl-S */
	UI_A_SUBMIT,     /* F10, Ctrl-X, Ctrl-T */
	UI_A_HELP,       /* F1, ? */
	UI_A_BACK,       /* Esc, F3 */
	UI_A_QUIT,       /* q, Ctrl-C */
	UI_A_REFRESH,    /* Ctrl-L, F5: reload and repaint */
	UI_A_PREV_MONTH, /* [ */
	UI_A_NEXT_MONTH, /* ] */
	UI_A_FILTER,     /* / */
	UI_A_SORT,       /* s */
	UI_A_ADD,        /* a */
	UI_A_REMOVE,     /* d */
	UI_A_SCREEN = 100 /* first action private to one screen */
};

/* A key as the loop hands it to a screen. */
struct ui_key {
	int act;     /* enum ui_action, or UI_A_SCREEN + n */
	wint_t ch;   /* the character typed (any key that is a character) */
	int code;    /* the curses key code (KEY_*), 0 for characters */
};

/* One row of the global key table (ui-keys.c). */
struct ui_binding {
	wint_t ch;   /* a character (0 when code is used) */
	int code;    /* a curses KEY_* code (0 when ch is used) */
	int act;
	bool anywhere; /* also while a box takes text (F-keys, Ctrl keys) */
};

enum {
	UI_HANDLED = 0,
	UI_REDRAW = 1 << 0,
	UI_POP = 1 << 1,
	UI_QUIT = 1 << 2,
	UI_UNHANDLED = 1 << 3,
};

/* One key of a screen, as its key table says it (Keys above). */
struct ui_keydef {
	const char *key;   /* as the key bar and help name it ("a", "Enter", "[ ]");
			    * NULL: the row is a line of text in help */
	const char *label; /* its word in the key bar; NULL: not there */
	const char *help;  /* its line in help ('\n' goes on under it); NULL: not there */
	const char *hkey;  /* the key as help names it when that says more than key
			    * ("F5 或 Ctrl-L"); NULL: key */
	int act;           /* what the screen's handler gets */
	wint_t ch, ch2;    /* the screen's own characters for act; 0: a global key */
	int code;          /* the screen's own curses key (KEY_F(n)); 0: none */
	bool anywhere;     /* ch, ch2 and code also while a box takes text */
	bool off;          /* does not apply now (role, state): not taken, not shown */
	bool quiet;        /* taken and in help, but not in the key bar */
};
/* How a screen hands its table over (ops->keys calls it once). */
typedef void ui_keys_use(const struct ui_keydef *t, size_t n, void *ctx);
#define UI_KEYS(use, ctx, t) (use)((t), sizeof(t) / sizeof((t)[0]), (ctx))

struct ui_screen;

struct ui_screen_ops {
	const char *name;
	/* Paints the whole screen (or, for overlays, its box) on stdscr and
	 * leaves the cursor where typing goes (or hides it). */
	void (*draw)(struct ui_screen *s);
	/* One key; returns UI_* flags. */
	int (*key)(struct ui_screen *s, const struct ui_key *k);
	/* The terminal changed size (LINES, COLS are new); optional. */
	void (*resize)(struct ui_screen *s);
	/* The screen above it was popped: reload what may have changed;
	 * optional.  Not called when a modal screen (ui_modal) pops: the code
	 * that ran it is still using this screen's state. */
	void (*resume)(struct ui_screen *s);
	/* The user asks to leave (Esc, q): may prompt (save / discard / cancel);
	 * returns false to stay.  Optional: leaving is allowed. */
	bool (*close)(struct ui_screen *s);
	/* SIGHUP/SIGTERM: save what is on screen.  No curses, no prompts. */
	void (*hangup)(struct ui_screen *s);
	/* Taken off the stack: free everything (s too).  No prompts. */
	void (*leave)(struct ui_screen *s);
	/* Its key table, built from its state now and passed to use(t, n,
	 * ctx) (Keys above); optional. */
	void (*keys)(struct ui_screen *s, ui_keys_use *use, void *ctx);
	/* What F1 / ? shows above the keys, unless key handles it. */
	const char *help_zh, *help_en;
	int min_cols, min_lines;       /* 0: UI_MIN_COLS, UI_MIN_LINES */
	bool overlay;                  /* a dialog: the screen below is drawn first */
};

struct ui_screen {
	const struct ui_screen_ops *ops;
	bool text_input; /* letters are text, not actions */
	int result;      /* what a modal screen answers (ui_modal) */
	struct ui_screen *below; /* set by ui_push */
	bool modal;      /* set by ui_modal: its pop does not resume the one below */
};

/* --- the loop and the stack (tui/ui.c) ----------------------------------- */
yg_db *ui_db(void);
void ui_push(struct ui_screen *s);
/* Pushes s and runs the loop until s is popped; returns s->result as it was
 * when popped (s is freed by its leave by then), or -1 when the program is
 * quitting. */
int ui_modal(struct ui_screen *s);
/* Runs the loop until the stack is empty or the program quits. */
void ui_loop(void);
/* Where the cursor goes after this paint (called by draw); without it the
 * cursor is hidden. */
void ui_cursor(int y, int x);
/* True once a quit or a hang-up is under way: return without drawing. */
bool ui_quitting(void);
/* Shows msg on the message line until the next key. */
enum ui_msg { UI_MSG_INFO, UI_MSG_OK, UI_MSG_WARN, UI_MSG_ERROR };
void ui_flash(enum ui_msg kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The core's last error on the message line. */
void ui_flash_error(void);
/* The message line's text (NULL when none), for ui-draw.c. */
const char *ui_message(enum ui_msg *kind);

/* --- keys (tui/ui-keys.c) -------------------------------------------------- */
/* Teaches curses the sequences some SSH clients send; after initscr. */
void ui_keys_init(void);
/* A line end pasted from Windows (Excel, WPS) is CR+LF, which would read as
 * two Enters and fill every other field.  Call it with every key read:
 * true for the LF of a CR+LF pair, which is then dropped.  A lone CR or a
 * lone LF stays one line end. */
bool ui_key_crlf_tail(int rc, wint_t wc);
/* Maps what get_wch returned (rc KEY_CODE_YES or OK, and wc) to an action,
 * looking in the key table of s first (s may be NULL: global keys only). */
void ui_key_map(int rc, wint_t wc, struct ui_screen *s, struct ui_key *out);
/* The key bar of s ("Enter 查看  a 通过 …"), from its key table; caller
 * frees. */
char *ui_keys_footer(struct ui_screen *s);
/* Draws the rule, the message line and that key bar (ui_draw_footer). */
void ui_draw_keys(struct ui_screen *s);
/* F1 help of s: ops->help_zh/en, then a line for each key of its table;
 * NULL when it has neither.  Caller frees. */
char *ui_keys_help(struct ui_screen *s);

/* Moves a list's selection for Up, Down, PgUp, PgDn, Home and End (page
 * rows a page); true when act was one of them.  Every list screen shares it
 * so that they all move alike. */
bool ui_list_move(size_t *sel, size_t n, int act, size_t page);

/* --- drawing (tui/ui-draw.c) ---------------------------------------------- */
enum ui_style {
	UI_S_NORMAL,
	UI_S_HEADER,   /* the header line */
	UI_S_TITLE,    /* headings, column titles */
	UI_S_SELECT,   /* the selected row */
	UI_S_FIELD,    /* an input box */
	UI_S_FOCUS,    /* the input box being edited */
	UI_S_LOCKED,   /* a value that cannot be edited */
	UI_S_ERROR,
	UI_S_WARN,
	UI_S_OK,
	UI_S_DIM,
	UI_S_KEY,      /* a key name in the key bar */
	UI_S_COUNT
};
/* Sets up colours (or not: NO_COLOR, monochrome). */
void ui_styles_init(void);
attr_t ui_attr(enum ui_style st);

/* Columns taken by UTF-8 text (characters of width < 0 count 1). */
int ui_width(const char *s);
/* Where files the user asks for (exports, bulletins) land: the directory
 * YIGONG_EXPORT_DIR names when the site sets one, else the user's home ($HOME;
 * under setgid the environment is rebuilt without it, and the login's own
 * from the password database serves) — never the server's working
 * directory, which the user cannot find.  Caller frees. */
char *ui_output_dir(void);
/* Breaks text into lines of at most width columns, as ui_put draws them:
 * at a newline, else before the character that would cross the edge
 * (Chinese has no spaces to break at; Latin text breaks at its last space).
 * Returns how many; *lines (free with ui_wrap_free) may be NULL when none. */
size_t ui_wrap(const char *text, int width, char ***lines);
void ui_wrap_free(char **lines, size_t n);
/* Draws text wrapped in the box from (y, x), width wide, at most rows
 * lines (the last ends with "..." when more was cut); the lines drawn. */
int ui_put_wrapped(int y, int x, int width, int rows, attr_t a, const char *text);
enum { UI_PAD = 1, UI_RIGHT = 2, UI_CLIP = 4 };
/* Draws UTF-8 s at y, x within width columns (a wide character that would
 * cross the edge is left out); UI_PAD fills the rest with spaces, UI_RIGHT
 * aligns right, UI_CLIP ends text that does not fit with ".." (ui_clip), so
 * that a code or licence number is never cut silently.  Returns the
 * columns drawn (padding included). */
int ui_put(int y, int x, int width, attr_t attr, unsigned flags, const char *s);
int ui_putf(int y, int x, int width, attr_t attr, unsigned flags, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* A rule of '-' across the screen, with an optional title in it. */
void ui_rule(int y, const char *title);
/* Line 0: " 医共 Yigong | title" and on the right the user, role, the
 * real login under --as, and today's date. */
void ui_draw_header(const char *title);
/* The rule, the message line and the key bar at the bottom.  keys is
 * "F2 保存  F10 提交 …": each word before a space that starts with a key
 * name is highlighted up to the first space. */
void ui_draw_footer(const char *keys);
int ui_body_top(void);
int ui_body_rows(void);
/* Text truncated to width columns with a trailing ".." when cut; caller
 * frees. */
char *ui_clip(const char *s, int width);
/* A value as screens show it: choices by their label in the current
 * language, booleans as 是/否, units by name; else yg_field_format.
 * Caller frees. */
char *ui_value_text(const struct yg_field *f, const struct yg_value *v);

/* --- dialogs (tui/ui-dialog.c) -------------------------------------------- */
struct ui_choice {
	wint_t key;        /* the letter that picks it */
	const char *zh, *en;
};
/* Asks a question; returns the index of the choice picked, -1 for Esc. */
int ui_choose(const char *title, const char *body, const struct ui_choice *c, size_t n);
/* true for yes (y / Enter on yes), false for no or Esc. */
bool ui_confirm(const char *title, const char *body);
/* A one-line text box; returns the UTF-8 text (caller frees) or NULL on Esc.
 * required: refuses empty text with a message. */
char *ui_prompt(const char *title, const char *body, const char *initial, bool required);
/* A message the user acknowledges with any key. */
void ui_alert(const char *title, const char *body);
/* Scrollable text (lines separated by '\n'). */
void ui_help(const char *title, const char *text);
/* A list to pick one item from, filtered by what the user types; returns
 * the index of the item picked, -1 for Esc.  initial: selected at first. */
int ui_pick(const char *title, const char *const *items, size_t n, size_t initial);

#endif

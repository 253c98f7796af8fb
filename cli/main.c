/*
 * main.c — the yigong program: global options, the database and the user,
 * then a subcommand (cmd-*.c) or the terminal screens (ui_run).
 */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "forms.h"
#include "ui.h"
#include "ui-review.h"
#include "ui-screens.h"
#include "conffile.h"
#include "privilege.h"

extern const struct cmd_entry *const cmd_table[];
extern const size_t cmd_table_len;

/* The lead chooses the licence; until then --version says so plainly. */
#ifndef YG_LICENCE_LINE
#define YG_LICENCE_LINE "License: see README.md."
#endif

/* What the global options said, wherever they stood on the line. */
struct globals {
	const char *db;
	const char *lang;
	const char *as;
	bool help;
	bool version;
	const char *bad_opt;   /* the first option that lacked its argument */
	char **rest;           /* every other word, in order */
	int nrest;
};

/*
 * Takes the global options out of argv, before or after the subcommand.
 * A value follows as the next word or after '='.  After "--" nothing is an
 * option any more: "--" and what follows go to the command untouched.
 */
static int parse_globals(int argc, char **argv, struct globals *g)
{
	static const struct {
		const char *name;
		size_t off;
	} valued[] = {
		{ "--db", offsetof(struct globals, db) },
		{ "--lang", offsetof(struct globals, lang) },
		{ "--as", offsetof(struct globals, as) },
	};

	g->rest = calloc((size_t)argc + 1, sizeof *g->rest);
	if (!g->rest)
		return -1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool taken = false;

		if (!strcmp(a, "--")) {
			while (i < argc)
				g->rest[g->nrest++] = argv[i++];
			break;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			g->help = true;
			continue;
		}
		if (!strcmp(a, "--version") || !strcmp(a, "-V")) {
			g->version = true;
			continue;
		}
		for (size_t k = 0; k < sizeof valued / sizeof valued[0]; k++) {
			size_t n = strlen(valued[k].name);
			const char **slot = (const char **)((char *)g + valued[k].off);

			if (strncmp(a, valued[k].name, n) != 0 || (a[n] && a[n] != '='))
				continue;
			taken = true;
			if (a[n] == '=')
				*slot = a + n + 1;
			else if (i + 1 < argc)
				*slot = argv[++i];
			else
				*slot = NULL;
			if ((!*slot || !**slot) && !g->bad_opt)
				g->bad_opt = valued[k].name;
			break;
		}
		if (!taken)
			g->rest[g->nrest++] = argv[i];
	}
	return 0;
}

static size_t name_words(const char *name, const char *words[3])
{
	size_t n = 0;

	/* Entry names are one or two words ("user add"). */
	words[n++] = name;
	for (const char *p = name; *p; p++)
		if (*p == ' ' && n < 3)
			words[n++] = p + 1;
	return n;
}

static bool word_is(const char *word, const char *name_word)
{
	size_t n = strcspn(name_word, " ");

	return strlen(word) == n && !strncmp(word, name_word, n);
}

/*
 * Finds the command the words name; *used says how many words its name
 * took.  NULL when none fits (the caller explains).
 */
static const struct cmd_entry *find_command(char **w, int n, int *used)
{
	for (size_t i = 0; i < cmd_table_len; i++) {
		const struct cmd_entry *e = cmd_table[i];
		const char *words[3];
		size_t nw;
		bool ok = true;

		nw = name_words(e->name, words);
		if ((int)nw > n)
			continue;
		for (size_t k = 0; k < nw && ok; k++)
			ok = word_is(w[k], words[k]);
		if (ok) {
			*used = (int)nw;
			return e;
		}
	}
	return NULL;
}

/* Is word the first word of some two-word command ("user", "org")? */
static bool is_group(const char *word)
{
	for (size_t i = 0; i < cmd_table_len; i++) {
		const char *words[3];

		if (name_words(cmd_table[i]->name, words) > 1 && word_is(word, words[0]))
			return true;
	}
	return false;
}

/* "add, list": the second words of the group's commands; caller frees. */
static char *group_words(const char *group)
{
	char *s = yg_strdup("");

	for (size_t i = 0; s && i < cmd_table_len; i++) {
		const char *words[3];
		char *t;

		if (name_words(cmd_table[i]->name, words) < 2 ||
		    !word_is(group, words[0]))
			continue;
		t = yg_asprintf("%s%s%s", s, *s ? ", " : "", words[1]);
		free(s);
		s = t;
	}
	return s;
}

static void print_version(void)
{
	printf("yigong %s\n", PACKAGE_VERSION);
	printf("Copyright (C) 2026 the Yigong authors.\n");
	printf("%s\n", YG_LICENCE_LINE);
}

static void print_help(void)
{
	printf("%s\n", _("Usage: yigong [GLOBAL OPTIONS] [COMMAND [ARGUMENTS]]"));
	printf("%s\n\n",
		_("Yigong: monthly health-reform returns of a county's medical communities.\n"
		"Without a command, opens the terminal screens."));
	printf("%s\n", _("Commands:"));
	for (size_t i = 0; i < cmd_table_len; i++) {
		const struct cmd_entry *e = cmd_table[i];
		/* The first line of the description; the command's own help
		 * shows the rest. */
		const char *d = YG_L(e->zh, e->en);

		printf("  %-11s %.*s\n", e->name, (int)strcspn(d, "\n"), d);
	}
	printf("\n%s\n", _("Global options (before or after the command):"));
	printf("  --db PATH     ");
	printf(_("database file; default $YIGONG_DB, else db in %s,\n"
		"                else %s"), YG_CONF_PATH, YG_SYSTEM_DB);
	putchar('\n');
	printf("  --lang zh|en  %s\n", _("language; Chinese unless this or $YIGONG_LANG says en"));
	printf("  --as LOGIN    %s\n", _("(admin) act with another user's rights"));
	printf("  -h, --help    %s\n", _("this help; after a command, that command's arguments"));
	printf("  -V, --version %s\n", _("version"));
	printf("\n%s\n", _("You are your Unix login; only init creates a database."));
	printf("%s\n", _("Exit status: 0 done, 1 input refused, 2 usage error."));
}

static void print_command_help(const struct cmd_entry *e)
{
	printf("%s yigong %s %s\n", _("Usage:"), e->name, e->usage);
	printf("%s\n", YG_L(e->zh, e->en));
	if (e->columns) {
		/* The listing conventions (cmdopt.h), from the same column list
		 * --header prints. */
		fputs(_("Output columns (tab-separated):"), stdout);
		for (const char *const *c = e->columns; *c; c++)
			printf(" %s", *c);
		printf("\n%s\n%s\n", _("  --header  print the columns' names first"),
			_("  --quiet   no summary line (it goes to standard error)"));
	}
	printf("%s\n", _("The global options --db PATH, --lang zh|en and --as LOGIN apply too."));
}

static int set_language(const struct globals *g)
{
	const char *env = getenv("YIGONG_LANG");
	const char *s = g->lang ? g->lang : (env && *env ? env : NULL);
	int lang;

	if (!s)
		return 0;
	lang = yg_lang_parse(s);
	if (lang < 0) {
		cmd_usage(NULL, _("%s%s: the language is zh or en"),
			g->lang ? "--lang " : "YIGONG_LANG=", s);
		return -1;
	}
	yg_set_lang((enum yg_lang)lang);
	return 0;
}

/* Screens need a UTF-8 locale: curses drops wide characters otherwise. */
static bool ensure_utf8(void)
{
	if (!strcmp(nl_langinfo(CODESET), "UTF-8"))
		return true;
	if (setlocale(LC_ALL, "C.UTF-8") && !strcmp(nl_langinfo(CODESET), "UTF-8"))
		return true;
	return false;
}

/* An older database was upgraded as it opened: say so, and where the copy
 * of it as it was is (the admin's way back, doc/deploy.md). */
static void report_upgrade(yg_db *db)
{
	const char *copy = NULL;
	int from = yg_db_upgraded_from(db, &copy);

	if (from)
		fprintf(stderr,
			_("yigong: database upgraded from schema %d to %d; the database as it was is kept in %s\n"),
			from, yg_db_schema_version(db), copy ? copy : "?");
}

static int open_database(struct cmd_ctx *ctx)
{
	int rc;

	/* The group's rights only for opening the database (privilege.c). */
	if (priv_db_enter() != 0)
		return EXIT_REFUSED;
	rc = yg_db_open(ctx->db_path, &ctx->db);
	priv_db_leave();

	if (rc == YG_ENOTFOUND) {
		cmd_error(_("database %s does not exist; create one with yigong init --db %s"),
			ctx->db_path, ctx->db_path);
		return EXIT_REFUSED;
	}
	if (rc != YG_OK) {
		ctx->db = NULL;
		return cmd_fail(rc);
	}
	report_upgrade(ctx->db);
	return EXIT_OK;
}

static int log_in(struct cmd_ctx *ctx)
{
	int rc = yg_login(ctx->db, ctx->login, ctx->as_login);

	if (rc == YG_OK)
		return EXIT_OK;
	cmd_fail(rc);
	/* The core's message names the login and the command that adds it;
	 * which database was asked is ours to say (a wrong --db is common). */
	if (rc == YG_ENOTFOUND)
		cmd_error(_("(database %s)"), ctx->db_path);
	return EXIT_REFUSED;
}

static int run_ui(struct cmd_ctx *ctx)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cmd_error(
			_("the screens need a terminal; scripts use the commands (yigong --help)"));
		return EXIT_REFUSED;
	}
	if (!ensure_utf8()) {
		cmd_error(_("a UTF-8 locale is needed (e.g. LANG=C.UTF-8); this one is %s"),
			nl_langinfo(CODESET));
		return EXIT_REFUSED;
	}
	/* Clerks file; reviewers and admins start from the review grid. */
	return ui_run(ctx->db, yg_actor(ctx->db)->role == YG_ROLE_CLERK ? ui_home_open :
		ui_review_open);
}

int main(int argc, char **argv)
{
	struct globals g = { 0 };
	struct cmd_ctx ctx = { 0 };
	const struct cmd_entry *e = NULL;
	const struct passwd *pw;
	int used = 0, rc;

	/* Setgid rules and /etc/yigong.conf (cli/privilege.c): before anything
	 * reads the environment. */
	if ((rc = priv_init()) != EXIT_OK)
		return rc;
	setlocale(LC_ALL, "");
	if (parse_globals(argc, argv, &g) < 0) {
		fputs("yigong: out of memory\n", stderr);
		return EXIT_REFUSED;
	}
	if (set_language(&g) < 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (g.version) {
		print_version();
		rc = EXIT_OK;
		goto out;
	}
	if (g.nrest > 0) {
		e = find_command(g.rest, g.nrest, &used);
		if (!e && is_group(g.rest[0])) {
			char *words = group_words(g.rest[0]);
			const char *w = g.nrest > 1 ? g.rest[1] : "";

			if (*w)
				rc = cmd_usage(NULL,
					_("unknown command '%s %s'; the %s commands are: %s"),
					g.rest[0], w, g.rest[0], words ? words : "");
			else
				rc = cmd_usage(NULL, _("%s%s needs a subcommand: %s"), g.rest[0], w,
					words ? words : "");
			free(words);
			goto out;
		}
		if (!e) {
			rc = cmd_usage(NULL, _("unknown command '%s'"), g.rest[0]);
			goto out;
		}
	}
	if (g.help) {
		if (e)
			print_command_help(e);
		else
			print_help();
		rc = EXIT_OK;
		goto out;
	}
	if (g.bad_opt) {
		rc = cmd_usage(e, _("option %s needs an argument"), g.bad_opt);
		goto out;
	}

	/* --db, else $YIGONG_DB, else the configured path (cli/privilege.c). */
	if ((rc = priv_db_path(g.db, e, &ctx.db_path)) != EXIT_OK)
		goto out;
	ctx.as_login = g.as;
	pw = getpwuid(getuid());
	if (!pw || !pw->pw_name || !pw->pw_name[0]) {
		cmd_error(_("cannot find the login of Unix user id %ld"), (long)getuid());
		rc = EXIT_REFUSED;
		goto out;
	}
	ctx.login = pw->pw_name;
	if (e && ctx.as_login && !(e->flags & CMD_NEEDS_LOGIN)) {
		rc = cmd_usage(e, _("--as does not apply to %s"), e->name);
		goto out;
	}

	forms_register_all();
	if (!e || (e->flags & CMD_NEEDS_DB)) {
		rc = open_database(&ctx);
		if (rc != EXIT_OK)
			goto out;
	}
	if (!e || (e->flags & CMD_NEEDS_LOGIN)) {
		rc = log_in(&ctx);
		if (rc != EXIT_OK)
			goto out;
	}
	if (e) {
		/* argv[0] is the last word of the command's name, as getopt expects. */
		rc = e->exec(&ctx, g.nrest - used + 1, g.rest + used - 1);
		/* The configured due day goes into a new database (privilege.c). */
		if (rc == EXIT_OK && !strcmp(e->name, "init"))
			rc = priv_after_init(ctx.db_path, ctx.login);
	} else {
		rc = run_ui(&ctx);
	}
out:
	if (ctx.db && priv_db_enter() == 0) {
		yg_db_close(ctx.db);
		priv_db_leave();
	}
	free(g.rest);
	return rc;
}

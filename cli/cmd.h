/*
 * cmd.h — the command-line subcommands of yigong.
 *
 * One file per command (cli/cmd-NAME.c), each exporting one
 * `const struct cmd_entry cmd_NAME_entry`; cli/main.c collects them in its
 * table.  main.c parses the global options (--db, --lang, --as, --help,
 * --version) wherever they stand, resolves the database path, opens the
 * database and logs the Unix user in when the entry asks for it, then calls
 * exec with the remaining arguments (argv[0] is the command's name).
 */
#ifndef YIGONG_CMD_H
#define YIGONG_CMD_H

#include "yigong.h"

/* Exit statuses of DESIGN §5. */
enum {
	EXIT_OK = 0,      /* done */
	EXIT_REFUSED = 1, /* refused input: the message says which line or field */
	EXIT_USAGE = 2,   /* usage error */
};

enum {
	CMD_NEEDS_DB = 1u << 0,    /* open the database before exec */
	CMD_NEEDS_LOGIN = 1u << 1, /* and log the Unix user in */
};

struct cmd_ctx {
	const char *db_path;  /* --db, else $YIGONG_DB, else YG_SYSTEM_DB */
	const char *login;    /* the Unix login (getpwuid(getuid())) */
	const char *as_login; /* --as LOGIN, or NULL */
	yg_db *db;            /* open when CMD_NEEDS_DB */
};

struct cmd_entry {
	const char *name;     /* "init", or "user add" for two words */
	const char *usage;    /* arguments, as in the synopsis */
	const char *zh;       /* one line of help */
	const char *en;
	unsigned flags;
	int (*exec)(struct cmd_ctx *ctx, int argc, char **argv);
	/* A listing command's output columns, NULL-terminated (ASCII names, the
	 * --header line): --help lists them.  NULL for other commands. */
	const char *const *columns;
};

/* Prints "yigong: " and the message to stderr, in the current language. */
void cmd_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* Prints the core's last error and maps its code to an exit status. */
int cmd_fail(int yg_code);
/* A usage error: prints the message and the command's synopsis. */
int cmd_usage(const struct cmd_entry *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The bad lines of an imported file, as the core finds them: the first
 * CMD_LISTED told on stderr ("yigong: FILE:LINE: message"), the rest
 * counted by cmd_report_rest.  cmd_report_problem fits yg_import_problem. */
#define CMD_LISTED 50
struct cmd_report {
	const char *path;
	uint64_t told;
};
void cmd_report_problem(void *arg, uint64_t line, const char *msg);
void cmd_report_rest(const struct cmd_report *r);

#endif

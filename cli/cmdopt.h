/*
 * cmdopt.h — option parsing and output shared by the subcommands (cli/cmd.c).
 */
#ifndef YIGONG_CMDOPT_H
#define YIGONG_CMDOPT_H

#include <getopt.h>
#include <stdint.h>

#include "cmd.h"

/*
 * getopt_long over a command's own options (long options only), with
 * yigong's messages.  Returns the option's val, -1 when the options end
 * (positional arguments are argv[optind..]), or 0 after printing a usage
 * error: the caller then returns EXIT_USAGE.
 */
int cmd_getopt(const struct cmd_entry *e, int argc, char **argv,
	const struct option *longopts);

/* Refuses positional arguments beyond max (and below min); prints the usage
 * error and returns false. */
bool cmd_positionals(const struct cmd_entry *e, int argc, char **argv, int min, int max);

/* Parses a period option's value; prints a usage error and returns false
 * when it is not YYYY-MM. */
bool cmd_period(const struct cmd_entry *e, const char *s, yg_period *out);

/* Writes s (NULL: nothing) as one field of a tab-separated line, escaped
 * by yg_text_escape: controls (tabs and line breaks too, so the columns
 * hold) as \x09, bidi and zero-width characters as <U+202E>. */
void cmd_put_field(const char *s);

/*
 * The listing commands (status, check, org list, user list) print
 * tab-separated lines for scripts.  --header prints the columns' names
 * first (the entry's columns; without it the output is as it always was);
 * the one summary line goes to standard error, and --quiet drops it, so
 * standard output holds only the lines a script reads.
 */
enum { CMD_OPT_HEADER = 0x100, CMD_OPT_QUIET };
#define CMD_LISTING_OPTIONS \
	{ "header", no_argument, NULL, CMD_OPT_HEADER }, \
	{ "quiet", no_argument, NULL, CMD_OPT_QUIET }
struct cmd_listing {
	const struct cmd_entry *e;
	bool header, quiet;
};
/* Takes c when it is --header or --quiet; false otherwise. */
bool cmd_listing_opt(struct cmd_listing *l, int c);
/* The header line, when --header asked for it. */
void cmd_listing_header(const struct cmd_listing *l);
/* The summary line, to stderr after "yigong: ", unless --quiet. */
void cmd_summary(const struct cmd_listing *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The English noun for a count: one when n is 1, else many ("1 month",
 * "2 months").  Chinese takes no plural: its translation skips the noun
 * with %.0s. */
const char *cmd_noun(unsigned long long n, const char *one, const char *many);

/* "yigong: PATH:LINE: MSG" on stderr, escaped like every message: a
 * refused line of an imported file. */
void cmd_report(const char *path, uint64_t line, const char *msg);

#endif

/*
 * cmdopt.h — option parsing and output shared by the subcommands (tui/cmd.c).
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

/* "yigong: PATH:LINE: MSG" on stderr, escaped like every message: a
 * refused line of an imported file. */
void cmd_report(const char *path, uint64_t line, const char *msg);

#endif

/*
 * cmd.c — what every command does the same way: how it complains and how a
 * core failure becomes an exit status.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmdopt.h"

/* Writes s to fp as the core's yg_text_escape shows it: nothing from a file
 * or the database reaches a terminal raw. */
static void put_escaped(FILE *fp, const char *s, bool keep_nl)
{
	char *e = yg_text_escape(s, (size_t)-1, keep_nl);

	fputs(e ? e : "?", fp);
	free(e);
}

static void vsay(const char *fmt, va_list ap)
{
	char *msg = yg_vasprintf(fmt, ap);

	fputs("yigong: ", stderr);
	put_escaped(stderr, msg ? msg : _("out of memory"), true);
	fputc('\n', stderr);
	free(msg);
}

void cmd_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(fmt, ap);
	va_end(ap);
}

int cmd_fail(int yg_code)
{
	const char *msg = yg_errmsg();

	if (yg_code == YG_OK)
		return EXIT_OK;
	if (!msg[0])
		msg = _("the operation failed");
	fputs("yigong: ", stderr);
	put_escaped(stderr, msg, true);
	fputc('\n', stderr);
	/* DESIGN §5 knows three statuses: whatever the core refused, whether
	 * the input or the storage is at fault, is a refusal. */
	return EXIT_REFUSED;
}

int cmd_usage(const struct cmd_entry *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(fmt, ap);
	va_end(ap);
	if (e)
		fprintf(stderr, "%s yigong %s%s%s\n", _("usage:"), e->name,
			e->usage[0] ? " " : "", e->usage);
	fprintf(stderr, "%s\n", _("Try 'yigong --help'."));
	return EXIT_USAGE;
}

int cmd_getopt(const struct cmd_entry *e, int argc, char **argv,
	const struct option *longopts)
{
	const char *shorts = ":";
	int c;

	/* Options are long, but for the one every Unix user types short: a
	 * command that writes a file takes -o FILE as well as --output. */
	for (const struct option *o = longopts; o->name; o++)
		if (o->val == 'o' && !strcmp(o->name, "output"))
			shorts = ":o:";
	opterr = 0;
	c = getopt_long(argc, argv, shorts, longopts, NULL);
	if (c == '?') {
		cmd_usage(e, _("unknown option %s"), argv[optind - 1]);
		return 0;
	}
	if (c == ':') {
		cmd_usage(e, _("option %s needs an argument"), argv[optind - 1]);
		return 0;
	}
	return c;
}

bool cmd_positionals(const struct cmd_entry *e, int argc, char **argv, int min, int max)
{
	int n = argc - optind;

	if (n > max) {
		cmd_usage(e, _("unexpected argument '%s'"), argv[optind + max]);
		return false;
	}
	if (n < min) {
		cmd_usage(e, _("an argument is missing"));
		return false;
	}
	return true;
}

bool cmd_period(const struct cmd_entry *e, const char *s, yg_period *out)
{
	/* Only the YYYY-MM people type; YYYYMM belongs to the CSV files. */
	if (strlen(s) != 7 || s[4] != '-' || yg_period_parse(s, out) != YG_OK) {
		cmd_usage(e, _("period '%s' is not a month YYYY-MM"), s);
		return false;
	}
	return true;
}

void cmd_put_field(const char *s)
{
	/* tabs and line breaks too: one field, one cell of the line */
	put_escaped(stdout, s ? s : "", false);
}

void cmd_report(const char *path, uint64_t line, const char *msg)
{
	fputs("yigong: ", stderr);
	put_escaped(stderr, path, false);
	fprintf(stderr, ":%llu: ", (unsigned long long)line);
	put_escaped(stderr, msg, true);
	fputc('\n', stderr);
}

void cmd_report_problem(void *arg, uint64_t line, const char *msg)
{
	struct cmd_report *r = arg;

	if (r->told++ < CMD_LISTED)
		cmd_report(r->path, line, msg); /* escaped: the message quotes the file */
}

void cmd_report_rest(const struct cmd_report *r)
{
	if (r->told > CMD_LISTED)
		cmd_error(_("... and %llu more"),
			(unsigned long long)(r->told - CMD_LISTED));
}

bool cmd_listing_opt(struct cmd_listing *l, int c)
{
	if (c == CMD_OPT_HEADER)
		l->header = true;
	else if (c == CMD_OPT_QUIET)
		l->quiet = true;
	else
		return false;
	return true;
}

void cmd_listing_header(const struct cmd_listing *l)
{
	if (!l->header || !l->e->columns)
		return;
	for (const char *const *c = l->e->columns; *c; c++)
		printf("%s%s", c == l->e->columns ? "" : "\t", *c);
	putchar('\n');
}

void cmd_summary(const struct cmd_listing *l, const char *fmt, ...)
{
	va_list ap;

	if (l->quiet)
		return;
	/* Lines already printed reach the terminal before the summary. */
	fflush(stdout);
	va_start(ap, fmt);
	vsay(fmt, ap);
	va_end(ap);
}

const char *cmd_noun(unsigned long long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/*
 * cmd.c — what every command does the same way: how it complains and how a
 * core failure becomes an exit status.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "cmdopt.h"

static void vsay(const char *zh_fmt, const char *en_fmt, va_list ap)
{
	fputs("yigong: ", stderr);
	vfprintf(stderr, YG_L(zh_fmt, en_fmt), ap);
	fputc('\n', stderr);
}

void cmd_error(const char *zh_fmt, const char *en_fmt, ...)
{
	va_list ap;

	va_start(ap, en_fmt);
	vsay(zh_fmt, en_fmt, ap);
	va_end(ap);
}

int cmd_fail(int yg_code)
{
	const char *msg = yg_errmsg();

	if (yg_code == YG_OK)
		return EXIT_OK;
	if (!msg[0])
		msg = YG_L("操作失败", "the operation failed");
	fprintf(stderr, "yigong: %s\n", msg);
	/* DESIGN §5 knows three statuses: whatever the core refused, whether
	 * the input or the storage is at fault, is a refusal. */
	return EXIT_REFUSED;
}

int cmd_usage(const struct cmd_entry *e, const char *zh_fmt, const char *en_fmt, ...)
{
	va_list ap;

	va_start(ap, en_fmt);
	vsay(zh_fmt, en_fmt, ap);
	va_end(ap);
	if (e)
		fprintf(stderr, "%s yigong %s%s%s\n", YG_L("用法:", "usage:"), e->name,
			e->usage[0] ? " " : "", e->usage);
	fprintf(stderr, "%s\n", YG_L("详见 yigong --help", "Try 'yigong --help'."));
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
		cmd_usage(e, "未知选项 %s", "unknown option %s", argv[optind - 1]);
		return 0;
	}
	if (c == ':') {
		cmd_usage(e, "选项 %s 缺少参数", "option %s needs an argument", argv[optind - 1]);
		return 0;
	}
	return c;
}

bool cmd_positionals(const struct cmd_entry *e, int argc, char **argv, int min, int max)
{
	int n = argc - optind;

	if (n > max) {
		cmd_usage(e, "多余的参数 '%s'", "unexpected argument '%s'", argv[optind + max]);
		return false;
	}
	if (n < min) {
		cmd_usage(e, "缺少参数", "an argument is missing");
		return false;
	}
	return true;
}

bool cmd_period(const struct cmd_entry *e, const char *s, yg_period *out)
{
	/* Only the YYYY-MM people type; YYYYMM belongs to the CSV files. */
	if (strlen(s) != 7 || s[4] != '-' || yg_period_parse(s, out) != YG_OK) {
		cmd_usage(e, "期间 '%s' 不是 YYYY-MM 形式的月份", "period '%s' is not a month YYYY-MM", s);
		return false;
	}
	return true;
}

void cmd_put_field(const char *s)
{
	for (; s && *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

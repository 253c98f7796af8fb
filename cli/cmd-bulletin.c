/*
 * cmd-bulletin.c — yigong bulletin: the monthly bulletin (月度通报) as a PDF.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bulletin-pdf.h"
#include "cmd.h"
#include "cmdopt.h"

extern const struct cmd_entry cmd_bulletin_entry;

static int bulletin_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "period", required_argument, NULL, 'p' },
		{ "org", required_argument, NULL, 'g' },
		{ "output", required_argument, NULL, 'o' },
		{ 0 },
	};
	const struct cmd_entry *e = &cmd_bulletin_entry;
	yg_period period = yg_period_add(yg_period_current(), -1);
	const char *org = NULL, *out = NULL;
	struct bulletin b;
	char pbuf[8], *path = NULL, *err = NULL;
	int c, rc;

	while ((c = cmd_getopt(e, argc, argv, opts)) != -1) {
		if (c == 'p' && cmd_period(e, optarg, &period))
			continue;
		if (c == 'g')
			org = optarg;
		else if (c == 'o')
			out = optarg;
		else
			return EXIT_USAGE;
	}
	if (!cmd_positionals(e, argc, argv, 0, 0))
		return EXIT_USAGE;
	rc = bulletin_build(ctx->db, period, org, &b);
	if (rc != YG_OK)
		return cmd_fail(rc);
	yg_period_format(period, pbuf);
	if (!out)
		out = path = yg_asprintf("bulletin-%s-%s.pdf", b.top_code, pbuf);
	if (!out) {
		bulletin_free(&b);
		return cmd_fail(yg_fail(YG_ENOMEM, "out of memory"));
	}
	if (bulletin_pdf_save(&b, out, &err) != 0) {
		cmd_error(_("the bulletin was not written: %s"), err ? err : "");
		rc = EXIT_REFUSED;
	} else {
		fprintf(stderr,
			_("yigong: wrote the %s bulletin of %s: %s\n"), b.top_name, pbuf, out);
		rc = EXIT_OK;
	}
	free(err);
	free(path);
	bulletin_free(&b);
	return rc;
}

const struct cmd_entry cmd_bulletin_entry = {
	.name = "bulletin",
	.usage = "[--period YYYY-MM] [--org CODE] [-o FILE.pdf]",
	.zh = "写出月度通报 (A4 PDF): 报送情况、目标完成情况、走势与综合排名\n"
		"默认上月、整个县;--org 只写一个医共体。目标数值只计已审核的报表。\n"
		"依据: 荆门 2017 (001) (十七) “一月一公示、上级两月一摸底排名的公示”。\n"
		"默认文件名 bulletin-代码-YYYY-MM.pdf,写在当前目录。",
	.en = "write the monthly bulletin (A4 PDF): filing, targets, trends and ranking\n"
		"Defaults: last month, the whole county; --org for one medical community.\n"
		"Target figures rest on approved returns only.  Seed: Jingmen 2017 (001) (十七)\n"
		"\"一月一公示、上级两月一摸底排名的公示\".  Default file: bulletin-CODE-YYYY-MM.pdf\n"
		"in the current directory.",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = bulletin_exec,
};

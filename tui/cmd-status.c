/*
 * cmd-status.c — yigong status: who has filed what for a month.
 */
#include "config.h"

#include <stdio.h>

#include "cmd.h"
#include "cmdopt.h"
#include "statusfmt.h"

extern const struct cmd_entry cmd_status_entry;

static const char *const columns[] = { "period", "code", "name", "form", "state",
	"submitted_at", "timeliness", "errors", "warnings", NULL };

static const char *fmt_pct(int tenths, char buf[16])
{
	if (tenths < 0)
		return "-";
	snprintf(buf, 16, "%d.%d%%", tenths / 10, tenths % 10);
	return buf;
}

static int status_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "period", required_argument, NULL, 'p' },
		CMD_LISTING_OPTIONS,
		{ 0 },
	};
	const struct cmd_entry *e = &cmd_status_entry;
	struct cmd_listing l = { .e = e };
	yg_period period = yg_period_add(yg_period_current(), -1);
	struct yg_status *v = NULL;
	struct status_totals t;
	char pbuf[8], cbuf[16], tbuf[16];
	size_t n = 0;
	int c, rc;

	while ((c = cmd_getopt(e, argc, argv, opts)) != -1) {
		if (cmd_listing_opt(&l, c))
			continue;
		if (c != 'p' || !cmd_period(e, optarg, &period))
			return EXIT_USAGE;
	}
	if (!cmd_positionals(e, argc, argv, 0, 0))
		return EXIT_USAGE;
	rc = yg_status_list(ctx->db, period, &v, &n);
	if (rc != YG_OK)
		return cmd_fail(rc);

	yg_period_format(period, pbuf);
	cmd_listing_header(&l);
	for (size_t i = 0; i < n; i++) {
		const struct yg_status *s = &v[i];

		printf("%s\t", pbuf);
		cmd_put_field(s->org_code);
		putchar('\t');
		cmd_put_field(s->org_name);
		printf("\t%s\t%s\t", s->form->key, yg_state_name(s->state));
		cmd_put_field(s->submitted_at);
		printf("\t%s\t%d\t%d\n", status_timeliness_name(status_timeliness(s)),
			s->errors, s->warnings);
	}
	status_totals(v, n, &t);
	cmd_summary(&l, "%s 应报 %zu: 已提交 %zu, 已审核 %zu, 已退回 %zu, 草稿 %zu, 未报 %zu, 逾期 %zu,"
		" 完整率 %s, 及时率 %s",
		"%s expected %zu: submitted %zu, approved %zu, returned %zu, draft %zu, "
		"missing %zu, late %zu, completeness %s, timeliness %s",
		pbuf, t.expected, t.submitted, t.approved, t.returned, t.draft, t.missing, t.late,
		fmt_pct(status_completeness(&t), cbuf), fmt_pct(status_timeliness_pct(&t), tbuf));
	yg_status_list_free(v, n);
	return EXIT_OK;
}

const struct cmd_entry cmd_status_entry = {
	.name = "status",
	.usage = "[--period YYYY-MM] [--header] [--quiet]",
	.zh = "某月各机构各报表的报送情况与完整率、及时率\n"
		"默认为上月。每行一个机构×报表, 制表符分隔: 期间 代码 名称 报表 状态 首次提交时间\n"
		"及时性 (on-time/late/missing/pending) 错误数 警告数; 汇总行写到标准错误。\n"
		"完整率 = 已收到/应报, 及时率 = 按时收到/应报。",
	.en = "completeness and timeliness of a month's returns\n"
		"Default: last month.  One line per institution and form, tab-separated:\n"
		"period, code, name, form, state, first submitted, timeliness\n"
		"(on-time/late/missing/pending), errors, warnings; the summary line goes to\n"
		"standard error.\n"
		"Completeness = received / expected, timeliness = received on time / expected.",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = status_exec,
	.columns = columns,
};

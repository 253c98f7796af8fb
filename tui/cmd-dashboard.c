/*
 * cmd-dashboard.c — yigong dashboard: the outcome indicators and targets
 * T14–T18 of a month (forms/outcomes.c) as tab-separated lines, for scripts
 * and for the level above.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "cmdopt.h"
#include "outcomes.h"

extern const struct cmd_entry cmd_dashboard_entry;

/* "met", "missed", "n/a"; T17's misses name their band; "-" for an
 * indicator, which has no verdict. */
static const char *verdict(const struct out_row *r)
{
	if (!r->is_target)
		return "-";
	if (r->met == YG_NA)
		return "n/a";
	if (r->met == YG_MET)
		return "met";
	if (r->band == 1)
		return "missed:shared";
	if (r->band == 2)
		return "missed:own";
	return "missed";
}

static void threshold(const struct out_row *r, char buf[static 32])
{
	const char *id = r->id;

	if (!r->is_target) {
		snprintf(buf, 32, "-");
	} else if (!strcmp(id, "T15") || !strcmp(id, "T16")) {
		/* The bar is the same month of the year before. */
		char v[32];
		out_format(r->unit, r->year_before, YG_NA, -1, v);
		snprintf(buf, 32, ">=%.24s", v);
	} else if (r->threshold_x100 < 0) {
		snprintf(buf, 32, "-");
	} else {
		int64_t t = r->threshold_x100, a = t < 0 ? -t : t;
		snprintf(buf, 32, "%s%s%lld.%lld%%", !strcmp(id, "T14") ? ">=" : "<=",
			t < 0 ? "-" : "", (long long)(a / 100), (long long)(a % 100 / 10));
	}
}

static int dashboard_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "period", required_argument, NULL, 'p' },
		{ "org", required_argument, NULL, 'o' },
		{ 0 },
	};
	const struct cmd_entry *e = &cmd_dashboard_entry;
	yg_period period = yg_period_add(yg_period_current(), -1);
	const char *org = NULL;
	struct outcomes o;
	size_t met = 0, missed = 0, na = 0, targets = 0;
	char pbuf[8];
	int c, rc;

	while ((c = cmd_getopt(e, argc, argv, opts)) != -1) {
		if (c == 'p' && cmd_period(e, optarg, &period))
			continue;
		if (c == 'o') {
			org = optarg;
			continue;
		}
		return EXIT_USAGE;
	}
	if (!cmd_positionals(e, argc, argv, 0, 0))
		return EXIT_USAGE;
	if ((rc = outcomes_compute(ctx->db, period, org, &o)) != YG_OK)
		return cmd_fail(rc);
	yg_period_format(period, pbuf);
	for (size_t i = 0; i < o.n; i++) {
		const struct out_row *r = &o.rows[i];
		char v[32], t[32];

		out_format(r->unit, r->fig, r->met, r->threshold_x100, v);
		threshold(r, t);
		printf("%s\t%s\t", r->id, out_level_name(r->level));
		cmd_put_field(r->org_code);
		printf("\t%s\t%s\t%s\n", v, t, verdict(r));
		if (!r->is_target)
			continue;
		targets++;
		met += r->met == YG_MET;
		missed += r->met == YG_MISSED;
		na += r->met == YG_NA;
	}
	printf(YG_L("%s 指标行 %zu, 目标行 %zu: 达标 %zu, 未达标 %zu, 不适用 %zu\n",
			"%s indicator lines %zu, target lines %zu: met %zu, missed %zu, n/a %zu\n"),
		pbuf, o.n - targets, targets, met, missed, na);
	outcomes_free(&o);
	return EXIT_OK;
}

const struct cmd_entry cmd_dashboard_entry = {
	.name = "dashboard",
	.usage = "[--period YYYY-MM] [--org CODE]",
	.zh = "某月医共体成效指标与目标 T14–T18(默认上月, 默认本人管辖范围)\n"
		"每行制表符分隔: 指标或目标编号 层级(county/community/institution) 机构代码 数值\n"
		"目标值 结论(met/missed/n/a; T17 未达标为 missed:shared 或 missed:own; 指标为 -);\n"
		"末行为汇总。只计已提交、已审核的报表; 分母为 0 为 n/a。\n"
		"依据: T14 001 三(十三); T15 004 三; T16 004 二(十); T17 003 九; T18 001 (十七)。",
	.en = "the outcome indicators and targets T14-T18 of a month\n"
		"Default: last month, the top of your scope.  Tab-separated lines: indicator or\n"
		"target id, level (county/community/institution), unit code, value, threshold,\n"
		"verdict (met/missed/n/a; T17 misses read missed:shared or missed:own; - for an\n"
		"indicator); then a summary line.  Only submitted and approved returns count;\n"
		"a zero denominator is n/a.  Sources: T14 001 三(十三); T15 004 三;\n"
		"T16 004 二(十); T17 003 九; T18 001 (十七).",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = dashboard_exec,
};

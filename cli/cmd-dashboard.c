/*
 * cmd-dashboard.c — yigong dashboard: the dashboard's table of a month as
 * tab-separated lines, for scripts and for the level above: for each unit,
 * targets T1–T13 (forms/dashboard.c), then the outcome indicators and
 * targets T14–T18 (forms/outcomes.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmdopt.h"
#include "dashboard.h"
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
	if (r->met == YG_NOT_IN_FORCE)
		return "not-in-force";
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

/* A share truncated to one decimal, as the rules and the screen show it. */
static void put_pct(char *buf, size_t size, int64_t num, int64_t den)
{
	int64_t pm = den > 0 ? (int64_t)((__int128)num * 1000 / den) : -1;

	if (pm < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%lld.%lld%%", (long long)(pm / 10), (long long)(pm % 10));
}

/* The reference threshold of T1–T13 for the unit's tier (an aggregate's
 * institutions may differ by tier: "-" where no tier-less row exists). */
static void dash_threshold(yg_db *db, const struct dash_unit *u, int t, enum yg_tier tier,
	yg_period p, char *buf, size_t size)
{
	const char *id = dash_targets[t].id;
	int64_t v;

	if (!strcmp(id, "T6")) {
		snprintf(buf, size, ">=%lld%%/%lld%%", (long long)yg_threshold(db, "T6R", tier, 30),
			(long long)yg_threshold(db, "T6K", tier, 60));
		return;
	}
	v = yg_threshold(db, id, u->aggregate ? YG_TIER_NONE : tier, -1);
	if (v < 0)
		snprintf(buf, size, "-");
	else if (!strcmp(id, "T1") || !strcmp(id, "T3") || !strcmp(id, "T4"))
		snprintf(buf, size, ">=%lld", (long long)v);
	else if (!strcmp(id, "T5"))
		snprintf(buf, size, ">=%lld months", (long long)v);
	else if (!strcmp(id, "T12"))
		snprintf(buf, size, "<=%lld days", (long long)v);
	else if (!strcmp(id, "T13")) {
		/* A pace: the share of the contract year elapsed (DESIGN §3.5). */
		int start = yg_setting_get_int(db, YG_SET_CONTRACT_START, 1);
		int elapsed = ((yg_period_month(p) - (start >= 1 && start <= 12 ? start : 1)) + 12) %
			12 + 1;
		char pc[32];

		put_pct(pc, sizeof pc, v * elapsed, 100 * 12);
		snprintf(buf, size, ">=%.24s", pc);
	}
	else
		snprintf(buf, size, ">=%lld%%", (long long)v);
}

static const char *met_word(enum yg_met m)
{
	return m == YG_MET ? "met" : m == YG_MISSED ? "missed" : "n/a";
}

/* The T1–T13 lines of one unit; counts the verdicts. */
static void dash_lines(yg_db *db, const struct dash *d, const char *code, enum out_level level,
	yg_period p, size_t *met, size_t *missed, size_t *na)
{
	const struct dash_unit *u = d ? dash_unit_find(d, code) : NULL;
	struct yg_org org = { 0 };
	enum yg_tier tier = YG_TIER_NONE;

	if (!u)
		return;
	if (!u->aggregate && yg_org_get(db, code, &org) == YG_OK)
		tier = org.tier;
	yg_org_clear(&org);
	for (int t = 0; t < DASH_NTARGETS; t++) {
		char *v = dash_figure_text(u, t), th[32];

		dash_threshold(db, u, t, tier, p, th, sizeof th);
		printf("%s\t%s\t", dash_targets[t].id, out_kind_level_name(level, u->kind));
		cmd_put_field(code);
		/* The screen's "--" (not applicable) is "-" here, as for the outcomes. */
		printf("\t%s\t%s\t%s\n", !v || !strcmp(v, "--") ? "-" : v, th,
			met_word(u->fig[t].met));
		free(v);
		*met += u->fig[t].met == YG_MET;
		*missed += u->fig[t].met == YG_MISSED;
		*na += u->fig[t].met == YG_NA;
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
	struct dash d;
	size_t met = 0, missed = 0, na = 0, targets = 0, dash_n = 0;
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
	if ((rc = dash_compute(ctx->db, period, &d)) != YG_OK) {
		outcomes_free(&o);
		return cmd_fail(rc);
	}
	yg_period_format(period, pbuf);
	for (size_t i = 0; i < o.n; i++) {
		const struct out_row *r = &o.rows[i];
		char v[32], t[32];

		/* A unit's first outcome row: its T1–T13 lines go before. */
		if (i == 0 || o.rows[i - 1].org_id != r->org_id) {
			size_t before = met + missed + na;

			dash_lines(ctx->db, &d, r->org_code, r->level, period, &met, &missed, &na);
			dash_n += met + missed + na - before;
		}

		out_format(r->unit, r->fig, r->met, r->threshold_x100, v);
		threshold(r, t);
		printf("%s\t%s\t", r->id, out_kind_level_name(r->level, r->kind));
		cmd_put_field(r->org_code);
		printf("\t%s\t%s\t%s\n", v, t, verdict(r));
		if (!r->is_target)
			continue;
		targets++;
		met += r->met == YG_MET;
		missed += r->met == YG_MISSED;
		na += r->met == YG_NA;
	}
	printf(_("%s indicator lines %zu, target lines %zu: met %zu, missed %zu, n/a %zu\n"),
		pbuf, o.n - targets, targets + dash_n, met, missed, na);
	dash_free(&d);
	outcomes_free(&o);
	return EXIT_OK;
}

const struct cmd_entry cmd_dashboard_entry = {
	.name = "dashboard",
	.usage = "[--period YYYY-MM] [--org CODE]",
	.zh = "某月看板: 目标 T1–T18 与医共体成效指标(默认上月, 默认本人管辖范围)\n"
		"逐个单位: 先 T1–T13, 再成效指标与 T14–T18。每行制表符分隔: 指标或目标编号 层级(province/prefecture/county/community/institution) 机构代码 数值\n"
		"目标值 结论(met/missed/n/a; T17 未达标为 missed:shared 或 missed:own; 指标为 -);\n"
		"末行为汇总。只计已提交、已审核的报表; 分母为 0 为 n/a。\n"
		"依据: T14 001 三(十三); T15 004 三; T16 004 二(十); T17 003 九; T18 001 (十七)。",
	.en = "the dashboard of a month: targets T1-T18 and the outcome indicators\n"
		"Default: last month, the top of your scope.  Unit by unit, T1-T13, then the\n"
		"outcome indicators and T14-T18.  Tab-separated lines: indicator or\n"
		"target id, level (province/prefecture/county/community/institution), unit\n"
		"code, value, threshold, verdict (met/missed/n/a; T17 misses read\n"
		"missed:shared or missed:own; - for an indicator); then a summary line.\n"
		"Only submitted and approved returns count; "
		"a zero denominator is n/a.  Sources: T14 001 三(十三); T15 004 三;\n"
		"T16 004 二(十); T17 003 九; T18 001 (十七).",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = dashboard_exec,
};

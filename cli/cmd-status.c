/*
 * cmd-status.c — yigong status: who has filed what for a month.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "cmdopt.h"
#include "statusfmt.h"

extern const struct cmd_entry cmd_status_entry;

static const char *const columns[] = { "period", "code", "name", "form", "state",
	"submitted_at", "timeliness", "errors", "warnings", NULL };

/* Above the county, one line per unit below (DESIGN §1). */
static const char *const unit_columns[] = { "period", "code", "name", "kind", "expected",
	"submitted", "approved", "returned", "draft", "missing", "late", "completeness",
	"timeliness", NULL };

static const char *fmt_pct(int tenths, char buf[16])
{
	if (tenths < 0)
		return "-";
	snprintf(buf, 16, "%d.%d%%", tenths / 10, tenths % 10);
	return buf;
}

/*
 * Keeps the lines of the units at or below top, and tells for each which
 * unit directly below top it rolls up into (below[i]; top itself for its
 * own lines).  Returns how many are kept, moved to the front of v.
 */
static size_t within_top(yg_db *db, int64_t top, struct yg_status *v, size_t n, int64_t *below)
{
	int64_t last = -1, b = 0;
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (v[i].org_id != last) {
			last = v[i].org_id;
			b = last == top ? top : yg_org_below(db, top, last);
		}
		if (!b)
			continue;
		if (k != i) {
			struct yg_status tmp = v[k];
			v[k] = v[i];
			v[i] = tmp;
		}
		below[k++] = b;
	}
	return k;
}

/* One line per unit below top: the totals of the lines that roll up into it. */
static void unit_lines(yg_db *db, const char *pbuf, const struct yg_status *v, size_t n,
	const int64_t *below)
{
	struct yg_status *part = calloc(n ? n : 1, sizeof *part);
	bool *done = calloc(n ? n : 1, sizeof *done);
	char cbuf[16], tbuf[16];

	for (size_t i = 0; part && done && i < n; i++) {
		struct status_totals t;
		struct yg_org o = { 0 };
		size_t m = 0;

		if (done[i])
			continue;
		for (size_t j = i; j < n; j++)
			if (below[j] == below[i]) {
				part[m++] = v[j]; /* shallow: read only */
				done[j] = true;
			}
		status_totals(part, m, &t);
		if (yg_org_get_id(db, below[i], &o) != YG_OK)
			continue;
		printf("%s\t", pbuf);
		cmd_put_field(o.code);
		putchar('\t');
		cmd_put_field(o.name);
		printf("\t%s\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%s\t%s\n", yg_kind_name(o.kind),
			t.expected, t.submitted, t.approved, t.returned, t.draft, t.missing, t.late,
			fmt_pct(status_completeness(&t), cbuf), fmt_pct(status_timeliness_pct(&t), tbuf));
		yg_org_clear(&o);
	}
	free(part);
	free(done);
}

static int status_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "period", required_argument, NULL, 'p' },
		{ "org", required_argument, NULL, 'O' },
		CMD_LISTING_OPTIONS,
		{ 0 },
	};
	const struct cmd_entry *e = &cmd_status_entry;
	struct cmd_listing l = { .e = e };
	yg_period period = yg_period_add(yg_period_current(), -1);
	struct cmd_entry by_unit = *e;
	struct yg_status *v = NULL;
	struct status_totals t;
	struct yg_org top = { 0 };
	const struct yg_user *me;
	const char *code = NULL;
	char pbuf[8], cbuf[16], tbuf[16];
	size_t n = 0, all = 0;
	int64_t *below = NULL;
	int c, rc;

	while ((c = cmd_getopt(e, argc, argv, opts)) != -1) {
		if (cmd_listing_opt(&l, c))
			continue;
		if (c == 'O')
			code = optarg;
		else if (c != 'p' || !cmd_period(e, optarg, &period))
			return EXIT_USAGE;
	}
	if (!cmd_positionals(e, argc, argv, 0, 0))
		return EXIT_USAGE;
	/* The unit whose lines these are: --org, or the top of the scope. */
	me = yg_actor(ctx->db);
	rc = code ? yg_org_get(ctx->db, code, &top) : yg_org_get_id(ctx->db, me ? me->org_id : 0,
		&top);
	if (rc == YG_OK && code && !yg_org_within(ctx->db, me ? me->org_id : 0, top.id))
		rc = yg_fail(YG_EPERM, "unit %s is outside your scope",
			code);
	if (rc == YG_OK)
		rc = yg_status_list(ctx->db, period, &v, &all);
	if (rc == YG_OK && !(below = calloc(all ? all : 1, sizeof *below)))
		rc = yg_fail(YG_ENOMEM, "out of memory");
	if (rc != YG_OK) {
		yg_status_list_free(v, all);
		yg_org_clear(&top);
		return cmd_fail(rc);
	}
	n = within_top(ctx->db, top.id, v, all, below);

	yg_period_format(period, pbuf);
	if (top.kind == YG_KIND_PREFECTURE || top.kind == YG_KIND_PROVINCE) {
		by_unit.columns = unit_columns;
		l.e = &by_unit;
		cmd_listing_header(&l);
		unit_lines(ctx->db, pbuf, v, n, below);
	} else {
		cmd_listing_header(&l);
	}
	for (size_t i = 0; l.e == e && i < n; i++) {
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
	cmd_summary(&l, _("%s expected %zu: submitted %zu, approved %zu, returned %zu, draft %zu, "
		"missing %zu, late %zu, completeness %s, timeliness %s"),
		pbuf, t.expected, t.submitted, t.approved, t.returned, t.draft, t.missing, t.late,
		fmt_pct(status_completeness(&t), cbuf), fmt_pct(status_timeliness_pct(&t), tbuf));
	yg_status_list_free(v, all);
	yg_org_clear(&top);
	free(below);
	return EXIT_OK;
}

const struct cmd_entry cmd_status_entry = {
	.name = "status",
	.usage = "[--period YYYY-MM] [--org CODE] [--header] [--quiet]",
	.zh = "某月各机构各报表的报送情况与完整率、及时率\n"
		"默认为上月。每行一个机构×报表, 制表符分隔: 期间 代码 名称 报表 状态 首次提交时间\n"
		"及时性 (on-time/late/missing/pending) 错误数 警告数; 汇总行写到标准错误。\n"
		"完整率 = 已收到/应报, 及时率 = 按时收到/应报。--org CODE 只看该单位及其下级。\n"
		"在地市或省 (或 --org 为地市、省) 时每行一个下级单位 (地市的各县, 省的各地市):\n"
		"期间 代码 名称 类别 应报 已提交 已审核 已退回 草稿 未报 逾期 完整率 及时率;\n"
		"用 --org 县代码 看该县各机构。",
	.en = N_("completeness and timeliness of a month's returns\n"
		"Default: last month.  One line per institution and form, tab-separated:\n"
		"period, code, name, form, state, first submitted, timeliness\n"
		"(on-time/late/missing/pending), errors, warnings; the summary line goes to\n"
		"standard error.\n"
		"Completeness = received / expected, timeliness = received on time / expected.\n"
		"--org CODE: only that unit and those below it.  At a prefecture or province\n"
		"(or --org naming one) one line per unit below it (a prefecture's counties, a\n"
		"province's prefectures): period, code, name, kind, expected, submitted,\n"
		"approved, returned, draft, missing, late, completeness, timeliness; --org with\n"
		"a county's code gives its institutions' lines."),
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = status_exec,
	.columns = columns,
};

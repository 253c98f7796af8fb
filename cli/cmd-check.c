/*
 * cmd-check.c — yigong check: the database's integrity, then every rule
 * and target over every return, record and medical community in scope.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmdopt.h"
#include "dashboard.h"
#include "forms.h"
#include "outcomes.h"
#include "statusfmt.h"

extern const struct cmd_entry cmd_check_entry;

static const char *const columns[] = { "period", "orgunit", "form", "rule", "severity", "message",
	NULL };

/* The default span: this month (returns being filled) and the twelve
 * before it, so a year of filed returns is always covered. */
#define DEFAULT_MONTHS_BACK 12

struct tally {
	size_t periods, returns, communities, records;
	size_t errors, warnings, met, missed, na, not_in_force;
	bool all; /* --all: targets met, not applicable and not in force too */
};

static void print_findings(const char *period, const char *org, const char *form,
	const struct yg_findings *f, struct tally *t)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct yg_finding *x = &f->v[i];
		bool shown = t->all || x->severity != YG_SEV_TARGET || x->met == YG_MISSED;

		switch (x->severity) {
		case YG_SEV_ERROR: t->errors++; break;
		case YG_SEV_WARNING: t->warnings++; break;
		case YG_SEV_TARGET:
			if (x->met == YG_MET)
				t->met++;
			else if (x->met == YG_MISSED)
				t->missed++;
			else if (x->met == YG_NOT_IN_FORCE)
				t->not_in_force++;
			else
				t->na++;
			break;
		}
		if (!shown)
			continue;
		cmd_put_field(period);
		putchar('\t');
		cmd_put_field(x->org_code ? x->org_code : org);
		putchar('\t');
		cmd_put_field(form);
		putchar('\t');
		cmd_put_field(x->rule);
		/* A script greps the column, never the message (DESIGN §5). */
		printf("\t%s\t", yg_finding_verdict(x));
		cmd_put_field(YG_L(x->zh, x->en));
		putchar('\n');
	}
}

/* The figures stored for the screens (schema 009) against those computed
 * from the returns: any difference is an integrity finding (rule DB). */
static int check_stored_figures(yg_db *db, yg_period p, struct tally *t)
{
	struct yg_findings f;
	char pbuf[8];
	int rc;

	yg_findings_init(&f);
	yg_period_format(p, pbuf);
	rc = dash_memo_verify(db, p, DASH_RECEIVED, &f);
	if (rc == YG_OK)
		rc = dash_memo_verify(db, p, DASH_APPROVED, &f);
	if (rc == YG_OK)
		rc = outcomes_memo_verify(db, p, false, &f);
	if (rc == YG_OK)
		rc = outcomes_memo_verify(db, p, true, &f);
	if (rc == YG_OK)
		rc = status_memo_verify(db, p, &f);
	/* A database too broken to compute the figures from (a reference to a
	 * missing row, which the integrity lines above name) is said so, and
	 * check goes on with the next month. */
	if (rc != YG_OK && rc != YG_ENOMEM && rc != YG_EBUSY) {
		yg_findings_add(&f, "DB", YG_SEV_ERROR, NULL,
			"the stored figures of %s could not be compared: %s", pbuf, yg_errmsg());
		rc = YG_OK;
	}
	if (rc == YG_OK)
		print_findings(pbuf, "-", "-", &f, t);
	yg_findings_free(&f);
	return rc;
}

/* The findings stored for a return (what the screens show) against those
 * just computed: any difference is an integrity finding (rule DB). */
static int compare_stored(yg_db *db, const char *period, const struct yg_sub *sub,
	const struct yg_findings *now, struct tally *t)
{
	struct yg_findings stored, bad;
	const struct yg_finding *x;
	bool judged = false;
	int rc;

	yg_findings_init(&stored);
	rc = yg_findings_stored(db, sub->id, &stored, &judged);
	if (rc == YG_OK && judged && (x = yg_findings_differ(now, &stored)) != NULL) {
		yg_findings_init(&bad);
		yg_findings_add(&bad, "DB", YG_SEV_ERROR, NULL,
			"the stored findings differ from the rules': %zu stored, %zu computed, first"
			" difference at rule %s", stored.n, now->n, x->rule ? x->rule : "-");
		print_findings(period, sub->org.code, sub->form->key, &bad, t);
		yg_findings_free(&bad);
	}
	yg_findings_free(&stored);
	return rc;
}

static int check_returns(yg_db *db, yg_period p, struct tally *t)
{
	struct yg_status *v = NULL;
	size_t n = 0;
	char pbuf[8];
	int rc = yg_status_list(db, p, &v, &n);

	if (rc != YG_OK)
		return rc;
	yg_period_format(p, pbuf);
	for (size_t i = 0; i < n && rc == YG_OK; i++) {
		struct yg_sub *sub = NULL;
		struct yg_findings f;

		/* A return nobody started has nothing to check: `status` shows it. */
		if (!v[i].sub_id)
			continue;
		rc = yg_sub_load_id(db, v[i].sub_id, &sub);
		if (rc != YG_OK)
			break;
		yg_findings_init(&f);
		rc = yg_sub_check(db, sub, &f);
		if (rc == YG_OK) {
			t->returns++;
			print_findings(pbuf, sub->org.code, sub->form->key, &f, t);
			rc = compare_stored(db, pbuf, sub, &f, t);
		}
		yg_findings_free(&f);
		yg_sub_free(sub);
	}
	yg_status_list_free(v, n);
	return rc;
}

static int check_communities(yg_db *db, const struct yg_org *units, size_t nunits, yg_period p,
	struct tally *t)
{
	char pbuf[8];

	yg_period_format(p, pbuf);
	for (size_t i = 0; i < nunits; i++) {
		struct yg_findings f;
		int rc;

		if (units[i].kind != YG_KIND_COMMUNITY || units[i].closed)
			continue;
		yg_findings_init(&f);
		rc = forms_check_community(db, units[i].id, p, &f);
		if (rc == YG_OK) {
			t->communities++;
			print_findings(pbuf, units[i].code, form_sentdown.key, &f, t);
		}
		yg_findings_free(&f);
		if (rc != YG_OK)
			return rc;
	}
	return YG_OK;
}

/* Record forms' rules (T5 on every posting) run on each record in the
 * span, filed under the month the record starts in. */
static int check_records(yg_db *db, yg_period from, yg_period to, struct tally *t)
{
	for (size_t fi = 0; fi < yg_form_count(); fi++) {
		const struct yg_form *form = yg_form_at(fi);
		struct yg_record **v = NULL;
		size_t n = 0;
		int rc;

		if (!form->is_record || !form->nrules || !form->kinds)
			continue;
		rc = yg_record_list(db, form, 0, &v, &n);
		if (rc != YG_OK)
			return rc;
		for (size_t i = 0; i < n && rc == YG_OK; i++) {
			yg_period p = yg_record_period(v[i]);
			struct yg_org org = { 0 };
			struct yg_findings f;
			char pbuf[8];

			if (p < from || p > to)
				continue;
			rc = yg_org_get_id(db, v[i]->org_id, &org);
			if (rc != YG_OK)
				break;
			yg_findings_init(&f);
			rc = yg_record_rules(db, v[i], &org, p, &f);
			yg_period_format(p, pbuf);
			print_findings(pbuf, org.code, form->key, &f, t);
			t->records++;
			yg_findings_free(&f);
			yg_org_clear(&org);
		}
		yg_record_list_free(v, n);
		if (rc != YG_OK)
			return rc;
	}
	return YG_OK;
}

static bool parse_span(const char *s, yg_period *from, yg_period *to)
{
	const char *dots = strstr(s, "..");
	char *first;
	bool ok;

	if (!dots)
		return cmd_period(&cmd_check_entry, s, from) && (*to = *from, true);
	first = yg_asprintf("%.*s", (int)(dots - s), s);
	ok = first && cmd_period(&cmd_check_entry, first, from) &&
		cmd_period(&cmd_check_entry, dots + 2, to);
	free(first);
	if (ok && *from > *to) {
		cmd_usage(&cmd_check_entry, _("period span %s ends before it starts"), s);
		ok = false;
	}
	return ok;
}

/* check --explain T4: what the target asks, in the seed's words, where the
 * seed says it, how the figure is computed, and the thresholds in force. */
static int explain_target(struct cmd_ctx *ctx, const char *id)
{
	const struct forms_target_help *h = forms_target_help_find(id);
	const struct yg_rule *rule = forms_rule_find(id);
	struct yg_target *v = NULL;
	size_t n = 0;
	int rc;

	if (!h || !rule) {
		cmd_usage(&cmd_check_entry, _("no target %s (T1 to T13)"), id);
		return EXIT_USAGE;
	}
	rc = yg_target_list(ctx->db, h->id, &v, &n);
	if (rc != YG_OK)
		return cmd_fail(rc);
	printf("%s\t%s\n", h->id, YG_L(rule->zh, rule->en));
	printf("%s\t%s %s\n", _("Source"), h->file, YG_L(h->where_zh, h->where_en));
	printf("%s\t\u201c%s\u201d\n", _("Text"), h->quote);
	printf("%s\t%s\n", _("Computed"), YG_L(h->how_zh, h->how_en));
	for (size_t i = 0; i < n; i++) {
		char from[8] = "", to[8] = "";

		if (v[i].from)
			yg_period_format(v[i].from, from);
		if (v[i].to)
			yg_period_format(v[i].to, to);
		printf("%s\t%s\t%s\t%lld %s\t%s..%s\n", _("Threshold"), v[i].id,
			v[i].tier ? yg_tier_name(v[i].tier) : "-", (long long)v[i].threshold,
			v[i].unit ? v[i].unit : "", from, to);
	}
	yg_target_list_free(v, n);
	return EXIT_OK;
}

static int check_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "period", required_argument, NULL, 'p' },
		{ "all", no_argument, NULL, 'a' },
		{ "explain", required_argument, NULL, 'e' },
		CMD_LISTING_OPTIONS,
		{ 0 },
	};
	const char *explain = NULL;
	const struct cmd_entry *e = &cmd_check_entry;
	struct cmd_listing l = { .e = e };
	yg_period to = yg_period_current();
	yg_period from = yg_period_add(to, -DEFAULT_MONTHS_BACK);
	struct yg_findings f;
	struct yg_org *units = NULL;
	size_t nunits = 0;
	struct tally t = { 0 };
	int c, rc;

	while ((c = cmd_getopt(e, argc, argv, opts)) != -1) {
		if (cmd_listing_opt(&l, c))
			continue;
		if (c == 'a')
			t.all = true;
		else if (c == 'e')
			explain = optarg;
		else if (c != 'p' || !parse_span(optarg, &from, &to))
			return EXIT_USAGE;
	}
	if (!cmd_positionals(e, argc, argv, 0, 0))
		return EXIT_USAGE;
	if (explain)
		return explain_target(ctx, explain);

	cmd_listing_header(&l);
	yg_findings_init(&f);
	rc = yg_db_integrity(ctx->db, &f);
	if (rc == YG_OK)
		print_findings("-", "-", "-", &f, &t);
	yg_findings_free(&f);
	if (rc == YG_OK)
		rc = yg_org_list(ctx->db, &units, &nunits);
	for (yg_period p = from; rc == YG_OK && p <= to; p = yg_period_add(p, 1)) {
		t.periods++;
		rc = check_returns(ctx->db, p, &t);
		if (rc == YG_OK)
			rc = check_stored_figures(ctx->db, p, &t);
		if (rc == YG_OK)
			rc = check_communities(ctx->db, units, nunits, p, &t);
	}
	if (rc == YG_OK)
		rc = check_records(ctx->db, from, to, &t);
	yg_org_list_free(units, nunits);
	if (rc != YG_OK)
		return cmd_fail(rc);

	cmd_summary(&l, _("checked %zu %s: %zu %s, %zu %s, %zu %s; errors %zu, warnings %zu, "
		"targets met %zu, missed %zu, not applicable %zu, not in force %zu"),
		t.periods, cmd_noun(t.periods, "month", "months"),
		t.returns, cmd_noun(t.returns, "return", "returns"),
		t.communities, cmd_noun(t.communities, "community", "communities"),
		t.records, cmd_noun(t.records, "record", "records"),
		t.errors, t.warnings, t.met, t.missed, t.na, t.not_in_force);
	return EXIT_OK;
}

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.usage = "[--period YYYY-MM[..YYYY-MM]] [--all] [--header] [--quiet] | --explain TARGET",
	.zh = "数据库完整性与全部规则、目标检查\n"
		"默认检查本月及之前 12 个月; --period 可给一个月或 YYYY-MM..YYYY-MM。\n"
		"每条发现一行, 制表符分隔: 期间 单位 报表 规则 级别 说明; 级别为 error, warning,\n"
		"或 target (未达成的目标); --all 另列出 met (达成), n/a (不适用),\n"
		"not-in-force (未生效) 的目标。数据库完整性问题的期间、单位、报表为 -。\n"
		"汇总行写到标准错误。--explain T4 说明一个目标: 政策原文、文件与条款、阈值与生效月份。\n"
		"能运行完即退出 0, 不论发现多少问题。",
	.en = N_("integrity, and every rule and target\n"
		"Default: this month and the 12 before it; --period takes a month or\n"
		"YYYY-MM..YYYY-MM.  One finding a line, tab-separated: period, unit, form,\n"
		"rule, severity, message; severity is error, warning or target (a missed\n"
		"target); --all adds the targets met (met), not applicable (n/a) and not in\n"
		"force (not-in-force).  Integrity problems have - for period, unit and form.\n"
		"The summary line goes to standard error.  --explain T4 explains a target: the\n"
		"policy's sentence, its file and section, thresholds and months in force.\n"
		"Exits 0 when it ran, whatever it found."),
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = check_exec,
	.columns = columns,
};

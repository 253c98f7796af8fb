/*
 * cmd-import.c — yigong import: long-format returns from the units below.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "cmdopt.h"
#include "figures.h"
#include "yg_csv.h"

extern const struct cmd_entry cmd_import_entry;

static void report_in(void *arg, const char *path, uint64_t line, const char *msg)
{
	uint64_t *told = arg;

	if ((*told)++ < CMD_LISTED)
		cmd_report(path, line, msg);
}

/* The months just imported, stored for the screens (figures.h): the data
 * of a prefecture or province arrives here, and its reviewer should not
 * wait for a month's figures to be added up when first opening it.  The
 * import itself has committed: a failure here loses nothing, and the
 * screens would store the months themselves. */
static int store_figures(struct cmd_ctx *ctx)
{
	size_t months;

	if (figures_store(ctx->db, &months) != YG_OK)
		cmd_error(_("the returns are imported; storing the screens' figures failed (the "
			"screens will store them): %s"), yg_errmsg());
	return EXIT_OK;
}

/* A county's bundle (export --bundle): units and returns, all or nothing. */
static int import_bundle(struct cmd_ctx *ctx, const char *dir, bool dry_run)
{
	uint64_t told = 0;
	struct yg_bundle_import_opts o = { .dry_run = dry_run, .problem = report_in,
		.problem_arg = &told };
	struct yg_bundle_import_stats st;
	int rc = yg_bundle_import(ctx->db, dir, &o, &st);

	if (told > CMD_LISTED)
		cmd_error(_("... and %llu more"),
			(unsigned long long)(told - CMD_LISTED));
	if (st.returns.unknown_orgs)
		cmd_error(_("unknown org units: %s (not in the bundle's %s)"),
			st.returns.unknown_orgs, YG_BUNDLE_ORG);
	if (rc != YG_OK) {
		yg_import_stats_clear(&st.returns);
		if (!told)
			return cmd_fail(rc);
		cmd_error(_("bundle %s: %llu line(s) "
			"rejected; the database is unchanged"), dir,
			(unsigned long long)(st.org.rejected + st.returns.rejected));
		return EXIT_REFUSED;
	}
	printf(_("units: imported %zu, updated %zu, unchanged %zu; values: imported %llu, "
			"updated %llu, unchanged %llu\n"),
		st.org.imported, st.org.updated, st.org.unchanged,
		(unsigned long long)st.returns.imported, (unsigned long long)st.returns.updated,
		(unsigned long long)st.returns.unchanged);
	if (dry_run)
		cmd_error(_("dry run: the database is unchanged"));
	yg_import_stats_clear(&st.returns);
	return dry_run ? EXIT_OK : store_figures(ctx);
}

static int import_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "bundle", required_argument, NULL, 'b' },
		{ 0 },
	};
	const struct cmd_entry *e = &cmd_import_entry;
	struct yg_import_opts o = { .encoding = YG_ENC_AUTO };
	struct yg_import_stats st;
	struct cmd_report rep = { 0 };
	const char *path, *bundle = NULL;
	FILE *fp;
	int c, v, rc;

	while ((c = cmd_getopt(e, argc, argv, opts)) != -1) {
		switch (c) {
		case 'n':
			o.dry_run = true;
			break;
		case 'e':
			v = !strcmp(optarg, "auto") ? YG_ENC_AUTO : yg_csv_encoding_parse(optarg);
			if (v < 0 || v == YG_ENC_UTF8_BOM)
				return cmd_usage(e, _("the encoding is auto, utf-8 or gb18030"));
			o.encoding = (enum yg_csv_encoding)v;
			break;
		case 'b':
			bundle = optarg;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (bundle)
		return cmd_positionals(e, argc, argv, 0, 0) ? import_bundle(ctx, bundle, o.dry_run)
			: EXIT_USAGE;
	if (!cmd_positionals(e, argc, argv, 1, 1))
		return EXIT_USAGE;
	path = argv[optind];
	fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!fp) {
		cmd_error(_("cannot open %s: %s"), path, strerror(errno));
		return EXIT_REFUSED;
	}
	rep.path = path;
	o.source = path;
	o.problem = cmd_report_problem;
	o.problem_arg = &rep;
	rc = yg_import(ctx->db, fp, &o, &st);
	if (fp != stdin)
		fclose(fp);
	cmd_report_rest(&rep);
	if (st.unknown_orgs)
		cmd_error(_("unknown org units: %s (load them first with yigong org import)"),
			st.unknown_orgs);
	if (rc != YG_OK && !st.rejected) {
		yg_import_stats_clear(&st);
		return cmd_fail(rc);
	}
	if (rc != YG_OK)
		st.imported = st.updated = st.unchanged = 0;
	printf(_("imported %llu, updated %llu, unchanged %llu, rejected %llu\n"),
		(unsigned long long)st.imported, (unsigned long long)st.updated,
		(unsigned long long)st.unchanged, (unsigned long long)st.rejected);
	if (rc != YG_OK)
		cmd_error(_("%s: %llu line(s) rejected; the "
			"database is unchanged"), path, (unsigned long long)st.rejected);
	else if (o.dry_run)
		cmd_error(_("dry run: the database is unchanged"));
	yg_import_stats_clear(&st);
	if (rc != YG_OK)
		return EXIT_REFUSED;
	return o.dry_run ? EXIT_OK : store_figures(ctx);
}

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.usage = "FILE [--dry-run] [--encoding auto|utf-8|gb18030] | --bundle DIR [--dry-run]",
	.zh = "导入下级上报的长格式 CSV (yigong export 的格式)\n"
		"逐行检查: 数据元 (报表.字段)、机构 (已存在且在您的管辖范围内)、期间、数值、状态、重复行。\n"
		"全部成功或全不导入: 有坏行时逐行报告行号与原因, 数据库不变, 退出状态 1。\n"
		"新建的报表取 status 列的状态 (无此列时为已审核)。同一文件再导入一次不会改变任何数据。\n"
		"UTF-8 (可带 BOM); 文件开头不是 UTF-8 而是 GB18030 时自动按 GB18030 读取。\n"
		"审计: 新建的报表记一条 (文件与行号), 已有报表中改动的每个值各记一条 (旧值 → 新值)。\n"
		"末行汇总: 导入, 更新, 未变, 拒绝。--dry-run 只检查, 不写入。\n"
		"--bundle DIR: 读入县 (或地市) 的数据包 (export --bundle 所写): 先按清单核对每个文件的\n"
		"SHA-256, 不符则拒绝; 再在同一事务中读入单位 (org import) 与报表: 全部成功或全不导入。\n"
		"同一数据包再读一次不改变任何数据; 代码已属另一个县的单位被拒绝, 指出两处的文件与行号。",
	.en = N_("import long-format CSV returns (the format yigong export writes)\n"
		"Every line is checked: data element (form.field), org unit (known, within your\n"
		"scope), period, value, status, duplicates.  All or nothing: bad lines are reported\n"
		"with their line numbers, the database is left unchanged and the exit status is 1.\n"
		"New returns take the status column's state (approved when there is none).\n"
		"Importing the same file twice changes nothing the second time.  UTF-8 (BOM\n"
		"allowed); a file whose start is GB18030 rather than UTF-8 is read as GB18030.\n"
		"Audit: a return the import creates gets one entry (file and line); each value\n"
		"changed in an existing return gets its own (old -> new).\n"
		"Ends with a summary line: imported, updated, unchanged, rejected.\n"
		"--dry-run checks everything and writes nothing.\n"
		"--bundle DIR: a county's (or prefecture's) bundle, as export --bundle writes it:\n"
		"each file's SHA-256 is checked against the manifest first (a mismatch is\n"
		"refused), then its units (as org import) and its returns go in, in one\n"
		"transaction, all or nothing.  The same bundle twice changes nothing; a unit whose\n"
		"code is another county's is refused naming both lines (file and line of each)."),
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = import_exec,
};

/*
 * cmd-org.c — yigong org list / org import: the tree of units.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "cmdopt.h"
#include "yg_csv.h"

extern const struct cmd_entry cmd_org_list_entry;
extern const struct cmd_entry cmd_org_import_entry;
extern const struct cmd_entry cmd_org_export_entry;

static const char *const org_list_columns[] = { "code", "name", "kind", "tier", "parent",
	"lead", "supporting", NULL };

static int org_list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { CMD_LISTING_OPTIONS, { 0 } };
	struct cmd_listing l = { .e = &cmd_org_list_entry };
	struct yg_org *v = NULL;
	size_t n = 0;
	int c, rc;

	while ((c = cmd_getopt(&cmd_org_list_entry, argc, argv, opts)) != -1)
		if (!cmd_listing_opt(&l, c))
			return EXIT_USAGE;
	if (!cmd_positionals(&cmd_org_list_entry, argc, argv, 0, 0))
		return EXIT_USAGE;
	rc = yg_org_list(ctx->db, &v, &n);
	if (rc != YG_OK)
		return cmd_fail(rc);
	cmd_listing_header(&l);
	for (size_t i = 0; i < n; i++) {
		cmd_put_field(v[i].code);
		putchar('\t');
		cmd_put_field(v[i].name);
		printf("\t%s\t%s\t", yg_kind_name(v[i].kind), yg_tier_name(v[i].tier));
		cmd_put_field(v[i].parent_code);
		putchar('\t');
		cmd_put_field(v[i].lead_code);
		putchar('\t');
		cmd_put_field(v[i].supporting_code);
		putchar('\n');
	}
	yg_org_list_free(v, n);
	cmd_summary(&l, _("%llu %s"), (unsigned long long)n,
		cmd_noun(n, "unit", "units"));
	return EXIT_OK;
}

/* ------------------------------------------------------------------------
 * org import
 */

static int org_import_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "encoding", required_argument, NULL, 'e' },
		{ 0 },
	};
	const struct cmd_entry *e = &cmd_org_import_entry;
	struct yg_import_opts io = { .encoding = YG_ENC_AUTO, .problem = cmd_report_problem };
	struct yg_org_import_stats n;
	struct cmd_report rep = { 0 };
	const char *path;
	FILE *fp;
	int rc, c, v;

	while ((c = cmd_getopt(e, argc, argv, opts)) != -1) {
		if (c != 'e')
			return EXIT_USAGE;
		v = !strcmp(optarg, "auto") ? YG_ENC_AUTO : yg_csv_encoding_parse(optarg);
		if (v < 0 || v == YG_ENC_UTF8_BOM)
			return cmd_usage(e, _("the encoding is auto, utf-8 or gb18030"));
		io.encoding = (enum yg_csv_encoding)v;
	}
	if (!cmd_positionals(e, argc, argv, 1, 1))
		return EXIT_USAGE;
	path = argv[optind];
	fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!fp) {
		cmd_error(_("cannot open %s: %s"), path, strerror(errno));
		return EXIT_REFUSED;
	}
	rep.path = path;
	io.problem_arg = &rep;
	io.source = path;
	rc = yg_org_import(ctx->db, fp, &io, &n);
	if (fp != stdin)
		fclose(fp);
	if (rc != YG_OK && !(rc == YG_EINVAL && n.rejected))
		return cmd_fail(rc);
	if (n.stopped)
		cmd_error(_("stopped after %d problems; the rest"
			" of the file was not read"), YG_ORG_IMPORT_MAX_PROBLEMS);
	printf(_("imported %zu, updated %zu, unchanged %zu, rejected %zu\n"),
		n.imported, n.updated, n.unchanged, n.rejected);
	if (rc != YG_OK) {
		cmd_error(_("%s: %zu line(s) rejected; the "
			"database is unchanged"), path, n.rejected);
		return EXIT_REFUSED;
	}
	return EXIT_OK;
}

static int org_export_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ 0 },
	};
	const struct cmd_entry *e = &cmd_org_export_entry;
	struct yg_export_stats st;
	const char *path = NULL;
	char *tmp = NULL;
	FILE *fp = stdout;
	int c, rc;

	while ((c = cmd_getopt(e, argc, argv, opts)) != -1) {
		if (c != 'o')
			return EXIT_USAGE;
		path = optarg;
	}
	if (!cmd_positionals(e, argc, argv, 0, 0))
		return EXIT_USAGE;
	if (path && strcmp(path, "-") == 0)
		path = NULL;
	/* A temporary beside the target, renamed when complete. */
	if (path && !(fp = yg_temp_beside(path, &tmp)))
		return cmd_fail(YG_ERROR);
	rc = yg_org_export(ctx->db, fp, &st);
	if (path)
		rc = yg_temp_finish(fp, tmp, path, rc);
	else if (fflush(stdout) != 0 && rc == YG_OK)
		rc = yg_fail(YG_ERROR, "write failed: %s", strerror(errno));
	if (rc != YG_OK)
		return cmd_fail(rc);
	if (path)
		cmd_error(_("exported %llu %s to %s"),
			(unsigned long long)st.rows, cmd_noun(st.rows, "unit", "units"), path);
	return EXIT_OK;
}

const struct cmd_entry cmd_org_list_entry = {
	.name = "org list",
	.usage = "[--header] [--quiet]",
	.zh = "列出单位\n每行一个, 按树的顺序, 制表符分隔: 代码 名称 类别 层级 上级代码\n"
		"牵头医院代码 帮扶医院代码 (后两列只有医共体才有); 单位数写到标准错误。",
	.en = N_("list the org units\n"
		"One a line in tree order, tab-separated: code, name, kind, tier, parent code,\n"
		"lead hospital code, supporting hospital code (the last two for communities);\n"
		"the count goes to standard error."),
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = org_list_exec,
	.columns = org_list_columns,
};

const struct cmd_entry cmd_org_import_entry = {
	.name = "org import",
	.usage = "FILE [--encoding auto|utf-8|gb18030]",
	.zh = "从 CSV 文件添加或更新单位\n"
		"表头 code,name,kind,tier,parent, 可加 key_central (0/1), lead (牵头医院代码),\n"
		"supporting (帮扶的城市三级医院代码; 后两列只用于医共体, 留空清除),\n"
		"opened, closed (开办、撤销年月 YYYY-MM; closed 留空为未撤销) —— org export 写的正是这些列;\n"
		"UTF-8, 可带 BOM; 整个文件不是 UTF-8 时按 GB18030 读取 (或用 --encoding 指定)。\n"
		"FILE 为 - 时读标准输入。\n"
		"kind: county, community, hospital, township, community_centre, village,\n"
		"prefecture, province; tier: primary, secondary, tertiary 或留空。子单位可写在上级之前。\n"
		"根为地市或省时, 可读入整棵县的树: 没有上级的县 (或地市) 行挂在根下;\n"
		"代码全国唯一, 已属另一个县的代码被拒绝, 并指出两处的文件与行号。\n"
		"全部成功或全不导入: 有任何坏行时逐行报告 (行号与原因), 数据库不变, 退出状态 1。\n"
		"末行汇总: 导入, 更新, 未变, 拒绝。",
	.en = N_("add or update org units from a CSV file\n"
		"Header code,name,kind,tier,parent, optionally key_central (0/1), lead (the\n"
		"lead hospital's code) and supporting (the supporting urban tertiary\n"
		"hospital's code); lead and supporting are for communities, empty clears;\n"
		"opened and closed (months YYYY-MM; closed empty while open): what org export\n"
		"writes.  UTF-8, BOM allowed; FILE - reads standard input.  A file that is not\n"
		"UTF-8 as a whole is read as GB18030 (or say which with --encoding).\n"
		"kind: county, community, hospital, township, community_centre, village,\n"
		"prefecture, province; tier: primary, secondary, tertiary or empty.  Children\n"
		"may come before parents.  At a prefecture or province root, whole county trees:\n"
		"a county (or prefecture) row without a parent goes under the root; codes are\n"
		"national, and a code already another county's is refused naming both lines.\n"
		"All or nothing: any bad line is reported (line number and reason), the database\n"
		"is left unchanged and the exit status is 1.  Ends with a summary line:\n"
		"imported, updated, unchanged, rejected."),
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = org_import_exec,
};

const struct cmd_entry cmd_org_export_entry = {
	.name = "org export",
	.usage = "[-o FILE]",
	.zh = "把单位树导出为 org import 读取的 CSV\n"
		"表头 code,name,kind,tier,parent,key_central,lead,supporting,opened,closed\n"
		"(opened、closed 为开办、撤销的年月 YYYY-MM), 按树的顺序, 只含您管辖范围内的单位;\n"
		"UTF-8。县的单位随其报表上报: 地市或省用 org import 读入 (见 export --bundle)。\n"
		"-o FILE 写入文件, 否则写到标准输出。",
	.en = N_("export the tree of units as the CSV org import reads\n"
		"Header code,name,kind,tier,parent,key_central,lead,supporting,opened,closed\n"
		"(opened and closed as months YYYY-MM), in tree order, the units within your\n"
		"scope; UTF-8.  A county's units travel upward with its returns: the\n"
		"prefecture or province reads them with org import (see export --bundle).\n"
		"-o FILE writes a file, else standard output."),
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = org_export_exec,
};

/*
 * cmd-export.c — yigong export: returns upward as CSV (DESIGN §6).
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

extern const struct cmd_entry cmd_export_entry;

/* "YYYY-MM" or "YYYY-MM..YYYY-MM". */
static bool parse_months(const struct cmd_entry *e, const char *s, yg_period *from,
	yg_period *to)
{
	const char *dots = strstr(s, "..");
	char first[16];

	if (!dots)
		return cmd_period(e, s, from) && (*to = *from, true);
	if ((size_t)(dots - s) >= sizeof first) {
		cmd_usage(e, _("period '%s' is not YYYY-MM..YYYY-MM"), s);
		return false;
	}
	memcpy(first, s, (size_t)(dots - s));
	first[dots - s] = '\0';
	if (!cmd_period(e, first, from) || !cmd_period(e, dots + 2, to))
		return false;
	if (*to < *from) {
		cmd_usage(e, _("period '%s' ends before it starts"), s);
		return false;
	}
	return true;
}

/* A county's bundle for the level above: org file, returns, manifest. */
static int export_bundle(struct cmd_ctx *ctx, const struct yg_export_opts *o, const char *dir)
{
	struct yg_bundle_stats st;
	int rc = yg_bundle_export(ctx->db, o, dir, &st);

	if (rc != YG_OK)
		return cmd_fail(rc);
	cmd_error(_("wrote the bundle to %s: %s %llu %s, %s %llu %s; manifest %s"), dir,
		YG_BUNDLE_ORG, (unsigned long long)st.org.rows, cmd_noun(st.org.rows, "unit", "units"),
		YG_BUNDLE_RETURNS, (unsigned long long)st.returns.rows,
		cmd_noun(st.returns.rows, "row", "rows"), YG_BUNDLE_MANIFEST);
	return EXIT_OK;
}

static int export_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "period", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "form", required_argument, NULL, 'F' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "output", required_argument, NULL, 'o' },
		{ "include-unapproved", no_argument, NULL, 'u' },
		{ "bundle", required_argument, NULL, 'b' },
		{ 0 },
	};
	const struct cmd_entry *e = &cmd_export_entry;
	struct yg_export_opts o = { .format = YG_CSV_LONG, .encoding = YG_ENC_UTF8 };
	struct yg_export_stats st;
	const char *path = NULL, *bundle = NULL;
	bool have_period = false, shaped = false;
	int c, v, rc;

	while ((c = cmd_getopt(e, argc, argv, opts)) != -1) {
		switch (c) {
		case 'p':
			if (!parse_months(e, optarg, &o.from, &o.to))
				return EXIT_USAGE;
			have_period = true;
			break;
		case 'f':
			if ((v = yg_csv_format_parse(optarg)) < 0)
				return cmd_usage(e, _("the format is long, wide or xlsx"));
			o.format = (enum yg_csv_format)v;
			shaped = true;
			break;
		case 'F':
			o.form = optarg;
			shaped = true;
			break;
		case 'e':
			v = yg_csv_encoding_parse(optarg);
			if (v < 0 || v == YG_ENC_AUTO)
				return cmd_usage(e,
					_("the encoding is utf-8, utf-8-bom or gb18030"));
			o.encoding = (enum yg_csv_encoding)v;
			shaped = true;
			break;
		case 'b':
			bundle = optarg;
			break;
		case 'o':
			path = optarg;
			break;
		case 'u':
			o.include_unapproved = true;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (!cmd_positionals(e, argc, argv, 0, 0))
		return EXIT_USAGE;
	if (!have_period)
		return cmd_usage(e, _("--period is required"));
	if (bundle && (shaped || path))
		return cmd_usage(e, _("--bundle has its own shape (long, UTF-8, every "
			"form): no --format, --form, --encoding or -o with it"));
	if (bundle)
		return export_bundle(ctx, &o, bundle);
	if (path && strcmp(path, "-") == 0)
		path = NULL;
	if (!path && o.format == YG_CSV_XLSX && isatty(STDOUT_FILENO))
		return cmd_usage(e, _("an xlsx workbook does not go to a terminal; give -o FILE"));
	if (path) {
		/* The core writes it and its manifest through temporaries and
		 * renames both when both are complete. */
		rc = yg_export_file(ctx->db, &o, path, &st);
	} else {
		rc = yg_export(ctx->db, &o, stdout, &st);
		if (fflush(stdout) != 0 && rc == YG_OK)
			rc = yg_fail(YG_ERROR, "write failed: %s", strerror(errno));
	}
	if (rc != YG_OK)
		return cmd_fail(rc);
	if (path)
		cmd_error(_("exported %llu %s to %s (%llu %s, %llu %s; SHA-256 %s)"),
			(unsigned long long)st.rows, cmd_noun(st.rows, "row", "rows"), path,
			(unsigned long long)st.institutions,
			cmd_noun(st.institutions, "institution", "institutions"),
			(unsigned long long)st.periods, cmd_noun(st.periods, "month", "months"),
			st.sha256);
	return EXIT_OK;
}

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = "--period YYYY-MM[..YYYY-MM] [--format long|wide|xlsx] [--form KEY]"
		" [--encoding utf-8|utf-8-bom|gb18030] [-o FILE | --bundle DIR] [--include-unapproved]",
	.zh = "把已审核的月报导出为 CSV 上报\n"
		"long (默认): 每值一行, 前 11 列与 DHIS2 dataValueSet 相同:\n"
		"dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,\n"
		"lastupdated,comment,followup,deleted,status。登记记录只上报月度汇总。\n"
		"wide: 每机构每月一行, 表头用当前语言; --form posting|referral 导出登记记录, 每记录一行。\n"
		"只导出您管辖范围内已审核的数据 (--include-unapproved 也导出未审核的)。\n"
		"-o FILE 时另写 FILE.manifest (行数、月份、机构数、SHA-256); 否则写到标准输出。\n"
		"以 = + - @ 等开头的文字单元格前加 ' 以防公式注入; 数字不变。\n"
		"xlsx: Excel/WPS 工作簿 (不用 --encoding): 第一张表说明内容 (单位、月份、报表、\n"
		"是否仅已审核、行数、数据的 SHA-256), 之后每张月报一张表, 宽表布局: 代码和月份是文字,\n"
		"人数是整数, 金额保留两位小数, 单位在第二行表头, 表头冻结; 清单另有 data_sha256。\n"
		"--bundle DIR: 县 (或地市) 上报的数据包, 写入目录 DIR: " YG_BUNDLE_ORG " (org export),\n"
		YG_BUNDLE_RETURNS " (长格式) 与 " YG_BUNDLE_MANIFEST " (两个文件的行数与 SHA-256);\n"
		"上级用 yigong import --bundle DIR 一次读入。须是县 (或地市) 一级的用户。",
	.en = "export approved returns as CSV for the level above\n"
		"long (default): one value a row, the first 11 columns those of DHIS2's dataValueSet:\n"
		"dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,\n"
		"lastupdated,comment,followup,deleted,status.  Records go up only as monthly totals.\n"
		"wide: one row per institution and month, headers in the current language;\n"
		"--form posting|referral exports the records, one row per record.\n"
		"Only approved data within your scope (--include-unapproved adds the rest).\n"
		"With -o FILE, FILE.manifest is written too (rows, months, institutions, SHA-256);\n"
		"without it the CSV goes to standard output.  A text cell starting with = + - @ ...\n"
		"gets a leading ' against formula injection; numbers are left alone.\n"
		"xlsx: an Excel/WPS workbook (--encoding is not used): a first sheet saying what it\n"
		"holds (unit, months, forms, approved only, rows, SHA-256 of the data), then one sheet\n"
		"per monthly form in the wide layout: codes and months as text, counts as integers,\n"
		"amounts with two decimals, units in a second header row, the header frozen; the\n"
		"manifest adds data_sha256.\n"
		"--bundle DIR: the bundle a county (or prefecture) sends up, written to the\n"
		"directory DIR: " YG_BUNDLE_ORG " (org export), " YG_BUNDLE_RETURNS " (long format) and "
		YG_BUNDLE_MANIFEST "\n(rows and SHA-256 of both); the level above reads it with\n"
		"yigong import --bundle DIR.  Your scope must be the whole county (or prefecture).",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = export_exec,
};

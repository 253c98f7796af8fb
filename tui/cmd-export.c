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
		cmd_usage(e, "期间 '%s' 不是 YYYY-MM..YYYY-MM", "period '%s' is not YYYY-MM..YYYY-MM", s);
		return false;
	}
	memcpy(first, s, (size_t)(dots - s));
	first[dots - s] = '\0';
	if (!cmd_period(e, first, from) || !cmd_period(e, dots + 2, to))
		return false;
	if (*to < *from) {
		cmd_usage(e, "期间 '%s' 的结束月早于开始月", "period '%s' ends before it starts", s);
		return false;
	}
	return true;
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
		{ 0 },
	};
	const struct cmd_entry *e = &cmd_export_entry;
	struct yg_export_opts o = { .format = YG_CSV_LONG, .encoding = YG_ENC_UTF8 };
	struct yg_export_stats st;
	const char *path = NULL;
	char *tmp = NULL, *manifest = NULL;
	bool have_period = false;
	FILE *fp = stdout;
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
				return cmd_usage(e, "格式只能是 long 或 wide", "the format is long or wide");
			o.format = (enum yg_csv_format)v;
			break;
		case 'F':
			o.form = optarg;
			break;
		case 'e':
			v = yg_csv_encoding_parse(optarg);
			if (v < 0 || v == YG_ENC_AUTO)
				return cmd_usage(e, "编码只能是 utf-8、utf-8-bom 或 gb18030",
					"the encoding is utf-8, utf-8-bom or gb18030");
			o.encoding = (enum yg_csv_encoding)v;
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
		return cmd_usage(e, "缺少 --period", "--period is required");
	if (path && strcmp(path, "-") == 0)
		path = NULL;
	if (path) {
		/* Written beside the target and renamed when complete: a failed
		 * export never leaves a truncated file under the real name. */
		tmp = yg_asprintf("%s.part", path);
		manifest = yg_asprintf("%s.manifest", path);
		if (!tmp || !manifest) {
			free(tmp);
			free(manifest);
			cmd_error("内存不足", "out of memory");
			return EXIT_REFUSED;
		}
		if (!(fp = fopen(tmp, "w"))) {
			cmd_error("无法写入 %s: %s", "cannot write %s: %s", tmp, strerror(errno));
			free(tmp);
			free(manifest);
			return EXIT_REFUSED;
		}
	}
	rc = yg_export(ctx->db, &o, fp, &st);
	if (path) {
		if (fclose(fp) != 0 && rc == YG_OK)
			rc = yg_fail(YG_ERROR, "写入 %s 失败:%s", "writing %s failed: %s", tmp,
				strerror(errno));
		if (rc == YG_OK && rename(tmp, path) != 0)
			rc = yg_fail(YG_ERROR, "无法写入 %s:%s", "cannot write %s: %s", path,
				strerror(errno));
		if (rc != YG_OK)
			unlink(tmp);
		if (rc == YG_OK)
			rc = yg_export_manifest(ctx->db, manifest, path, &o, &st);
	} else if (fflush(stdout) != 0 && rc == YG_OK) {
		rc = yg_fail(YG_ERROR, "写入失败:%s", "write failed: %s", strerror(errno));
	}
	free(tmp);
	free(manifest);
	if (rc != YG_OK)
		return cmd_fail(rc);
	if (path)
		fprintf(stderr, YG_L("yigong: 已导出 %llu 行到 %s(%llu 家机构,%llu 个月;SHA-256 %s)\n",
				"yigong: exported %llu rows to %s (%llu institutions, %llu months; SHA-256 %s)\n"),
			(unsigned long long)st.rows, path, (unsigned long long)st.institutions,
			(unsigned long long)st.periods, st.sha256);
	return EXIT_OK;
}

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = "--period YYYY-MM[..YYYY-MM] [--format long|wide] [--form KEY]"
		" [--encoding utf-8|utf-8-bom|gb18030] [-o FILE] [--include-unapproved]",
	.zh = "把已审核的月报导出为 CSV 上报\n"
		"long (默认): 每值一行, 前 11 列与 DHIS2 dataValueSet 相同:\n"
		"dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,\n"
		"lastupdated,comment,followup,deleted,status。登记记录只上报月度汇总。\n"
		"wide: 每机构每月一行, 表头用当前语言; --form posting|referral 导出登记记录, 每记录一行。\n"
		"只导出您管辖范围内已审核的数据 (--include-unapproved 也导出未审核的)。\n"
		"-o FILE 时另写 FILE.manifest (行数、月份、机构数、SHA-256); 否则写到标准输出。\n"
		"以 = + - @ 等开头的文字单元格前加 ' 以防公式注入; 数字不变。",
	.en = "export approved returns as CSV for the level above\n"
		"long (default): one value a row, the first 11 columns those of DHIS2's dataValueSet:\n"
		"dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,\n"
		"lastupdated,comment,followup,deleted,status.  Records go up only as monthly totals.\n"
		"wide: one row per institution and month, headers in the current language;\n"
		"--form posting|referral exports the records, one row per record.\n"
		"Only approved data within your scope (--include-unapproved adds the rest).\n"
		"With -o FILE, FILE.manifest is written too (rows, months, institutions, SHA-256);\n"
		"without it the CSV goes to standard output.  A text cell starting with = + - @ ...\n"
		"gets a leading ' against formula injection; numbers are left alone.",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = export_exec,
};

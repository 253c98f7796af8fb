/*
 * cmd-records.c — yigong records export / records import: a roster
 * (postings, referrals) as the CSV a lead hospital keeps in Excel, one
 * record a line, the record's field keys as the header.
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

extern const struct cmd_entry cmd_records_export_entry;
extern const struct cmd_entry cmd_records_import_entry;

/* --form names the monthly return the roster feeds, as DESIGN §5 does
 * (or the record form itself). */
static int no_such_roster(const struct cmd_entry *e)
{
	char *zh = NULL, *en = NULL;
	int rc;

	/* "sentdown 或 familydoc": the returns that have a roster. */
	for (size_t i = 0; i < yg_form_count(); i++) {
		const struct yg_form *f = yg_form_at(i);
		char *z, *n;

		if (!f->roster || yg_roster_find(f->key) != f->roster)
			continue;
		z = zh ? yg_asprintf("%s 或 %s", zh, f->key) : yg_strdup(f->key);
		n = en ? yg_asprintf("%s or %s", en, f->key) : yg_strdup(f->key);
		free(zh);
		free(en);
		zh = z;
		en = n;
	}
	rc = cmd_usage(e, _("--form is %.0s%s"), zh ? zh : "", en ? en : "");
	free(zh);
	free(en);
	return rc;
}

static int records_export_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "form", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ 0 },
	};
	const struct cmd_entry *e = &cmd_records_export_entry;
	const struct yg_form *form = NULL;
	struct yg_export_stats st;
	const char *path = NULL;
	int c, rc;

	while ((c = cmd_getopt(e, argc, argv, opts)) != -1) {
		if (c == 'F') {
			if (!(form = yg_roster_find(optarg)))
				return no_such_roster(e);
		} else if (c == 'o') {
			path = optarg;
		} else {
			return EXIT_USAGE;
		}
	}
	if (!cmd_positionals(e, argc, argv, 0, 0))
		return EXIT_USAGE;
	if (!form)
		return cmd_usage(e, _("--form is required"));
	if (path && strcmp(path, "-") == 0)
		path = NULL;
	if (path) {
		rc = yg_records_export_file(ctx->db, form, path, &st);
	} else {
		rc = yg_records_export(ctx->db, form, stdout, &st);
		if (fflush(stdout) != 0 && rc == YG_OK)
			rc = yg_fail(YG_ERROR, "write failed: %s", strerror(errno));
	}
	if (rc != YG_OK)
		return cmd_fail(rc);
	if (path)
		fprintf(stderr, _("yigong: exported %llu records to %s\n"),
			(unsigned long long)st.rows, path);
	return EXIT_OK;
}

static int records_import_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ 0 },
	};
	const struct cmd_entry *e = &cmd_records_import_entry;
	struct yg_import_opts o = { .encoding = YG_ENC_AUTO };
	struct yg_import_stats st;
	struct cmd_report rep = { 0 };
	const char *path;
	FILE *fp;
	int c, rc;

	while ((c = cmd_getopt(e, argc, argv, opts)) != -1) {
		if (c != 'n')
			return EXIT_USAGE;
		o.dry_run = true;
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
	o.source = path;
	o.problem = cmd_report_problem;
	o.problem_arg = &rep;
	rc = yg_records_import(ctx->db, fp, &o, &st);
	if (fp != stdin)
		fclose(fp);
	cmd_report_rest(&rep);
	if (rc != YG_OK && !st.rejected)
		return cmd_fail(rc);
	printf(_("imported %llu, updated %llu, unchanged %llu, rejected %llu\n"),
		(unsigned long long)st.imported, (unsigned long long)st.updated,
		(unsigned long long)st.unchanged, (unsigned long long)st.rejected);
	if (rc != YG_OK)
		cmd_error(_("%s: %llu line(s) rejected; the "
			"database is unchanged"), path, (unsigned long long)st.rejected);
	else if (o.dry_run)
		cmd_error(_("dry run: the database is unchanged"));
	return rc == YG_OK ? EXIT_OK : EXIT_REFUSED;
}

const struct cmd_entry cmd_records_export_entry = {
	.name = "records export",
	.usage = "--form sentdown|familydoc [-o FILE]",
	.zh = "把名册导出为 CSV, 每条记录一行\n"
		"--form sentdown: 派驻医生名册; familydoc: 转诊登记。\n"
		"表头为记录的字段名 (doctor_name,licence_no,…), 取值与 records import 读的一致:\n"
		"选项用英文值 (attending, resident …), 日期 YYYY-MM-DD, 是/否为 1/0。\n"
		"只导出您管辖范围内的记录; UTF-8。-o FILE 写入文件, 否则写到标准输出。",
	.en = N_("export a roster as CSV, one record a line\n"
		"--form sentdown: the postings roster; familydoc: the referral register.\n"
		"The header is the record's field keys (doctor_name,licence_no,...); values are\n"
		"what records import reads: choices by value (attending, resident ...), dates\n"
		"YYYY-MM-DD, yes/no as 1/0.  Records within your scope only; UTF-8.\n"
		"-o FILE writes a file, else standard output."),
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = records_export_exec,
};

const struct cmd_entry cmd_records_import_entry = {
	.name = "records import",
	.usage = "FILE [--dry-run]",
	.zh = "从 CSV 文件导入名册记录 (records export 的格式)\n"
		"表头为记录的字段名, 据此判断是派驻名册还是转诊登记; 选项可写英文值或中文名称。\n"
		"每行按字段与规则检查 (含 D1-D5 与您的管辖范围); 全部成功或全不导入:\n"
		"有坏行时逐行报告行号与原因, 数据库不变, 退出状态 1。\n"
		"已有记录按身份字段找回 (派驻: licence_no 与 start_date; 转诊: patient_ref, date,\n"
		"from_org, to_org) 并更新; 同一文件再导入一次不改变任何数据。\n"
		"UTF-8 (可带 BOM) 或 GB18030。末行汇总: 导入, 更新, 未变, 拒绝。",
	.en = N_("import roster records from CSV (the format records export writes)\n"
		"The header, the record's field keys, says which roster it is; choices may be\n"
		"given by value or by their Chinese or English name.  Every line is checked\n"
		"(fields, rules D1-D5, your scope); all or nothing: bad lines are reported with\n"
		"their numbers, the database is left unchanged and the exit status is 1.\n"
		"A stored record is found again by its identity (postings: licence_no and\n"
		"start_date; referrals: patient_ref, date, from_org, to_org) and updated;\n"
		"importing the same file twice changes nothing.  UTF-8 (BOM allowed) or\n"
		"GB18030.  Ends with: imported, updated, unchanged, rejected."),
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = records_import_exec,
};

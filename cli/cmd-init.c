/*
 * cmd-init.c — yigong init: the only way a database comes into being.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "cmdopt.h"
#include "demo.h"

/* Without --demo the database needs a root to hang the county's units on
 * (or, at a prefecture or province, the counties' trees: DESIGN §1) and to
 * give the admin a scope; `org import` can rename it later (same code) or
 * it can start with its own code. */
#define PLACEHOLDER_CODE "000000000000"
#define PLACEHOLDER_NAME "本县"
#define PLACEHOLDER_NAME_PREFECTURE "本市"
#define PLACEHOLDER_NAME_PROVINCE "本省"

extern const struct cmd_entry cmd_init_entry;

/* A failed init leaves nothing behind: the file is ours, we just made it. */
static void remove_database(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char *p = yg_asprintf("%s%s", path, suffix[i]);

		if (p)
			unlink(p);
		free(p);
	}
}

static int init_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum { OPT_DEMO = 1, OPT_CODE, OPT_NAME, OPT_ADMIN, OPT_LEVEL };
	static const struct option opts[] = {
		{ "demo", no_argument, NULL, OPT_DEMO },
		{ "admin", required_argument, NULL, OPT_ADMIN },
		{ "level", required_argument, NULL, OPT_LEVEL },
		{ "code", required_argument, NULL, OPT_CODE },
		{ "name", required_argument, NULL, OPT_NAME },
		/* version 0.1's names, still read */
		{ "county-code", required_argument, NULL, OPT_CODE },
		{ "county-name", required_argument, NULL, OPT_NAME },
		{ 0 },
	};
	const char *code = NULL, *name = NULL, *admin = ctx->login;
	enum yg_kind level = YG_KIND_COUNTY;
	bool demo = false, level_said = false;
	int k;
	struct demo_stats st = { 0 };
	yg_db *db = NULL;
	int c, rc;

	while ((c = cmd_getopt(&cmd_init_entry, argc, argv, opts)) != -1) {
		switch (c) {
		case OPT_DEMO: demo = true; break;
		case OPT_CODE: code = optarg; break;
		case OPT_NAME: name = optarg; break;
		case OPT_LEVEL:
			k = yg_kind_parse(optarg);
			if (k < 0 || !yg_kind_is_level((enum yg_kind)k))
				return cmd_usage(&cmd_init_entry,
					_("--level is county, prefecture or province"));
			level = (enum yg_kind)k;
			level_said = true;
			break;
		/* root makes the system database (so that it is root's, not a
		 * user's: doc/deploy.md) and names its first admin */
		case OPT_ADMIN: admin = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (!cmd_positionals(&cmd_init_entry, argc, argv, 0, 0))
		return EXIT_USAGE;
	if (demo && (code || name || level_said))
		return cmd_usage(&cmd_init_entry,
			_("--demo brings its own county: no --level, --code or --name with it"));
	if (!code)
		code = PLACEHOLDER_CODE;
	if (!name)
		name = level == YG_KIND_PREFECTURE ? PLACEHOLDER_NAME_PREFECTURE :
			level == YG_KIND_PROVINCE ? PLACEHOLDER_NAME_PROVINCE : PLACEHOLDER_NAME;

	rc = yg_db_create(ctx->db_path, &db);
	if (rc == YG_EEXIST) {
		cmd_error(_("%s already exists; init never overwrites a file"), ctx->db_path);
		return EXIT_REFUSED;
	}
	if (rc != YG_OK)
		return cmd_fail(rc);

	yg_login_system(db, ctx->login);
	rc = demo ? demo_build(db, admin, &st) : yg_init_root(db, admin, level, code, name);
	if (rc != YG_OK) {
		int status = cmd_fail(rc);

		yg_db_close(db);
		remove_database(ctx->db_path);
		return status;
	}
	yg_db_close(db);

	if (demo) {
		char first[8], last[8];

		yg_period_format(st.first, first);
		yg_period_format(st.last, last);
		printf(_("created %s: demo county %s (%s), %zu units, %zu users, "
				"%zu returns (%s to %s), %zu postings, %zu referrals; admin %s\n"),
			ctx->db_path, DEMO_COUNTY_NAME, DEMO_COUNTY_CODE, st.units, st.users,
			st.submissions, first, last, st.postings, st.referrals, admin);
	} else {
		printf(_("created %s: %s %s (%s); admin %s\n"),
			ctx->db_path, yg_kind_label(level), name, code, admin);
	}
	return EXIT_OK;
}

const struct cmd_entry cmd_init_entry = {
	.name = "init",
	.usage = "[--demo | [--level county|prefecture|province] --code CODE --name NAME]"
		" [--admin LOGIN]",
	.zh = "创建数据库, 运行者 (或 --admin 指定的用户) 为其管理员; --demo 附带一个演示县\n"
		"数据库文件已存在时拒绝。不带 --demo 时建一个根单位: 层级取自 --level\n"
		"(county 县/区, 默认; prefecture 地市; province 省: 汇总下级各县上报的数据),\n"
		"代码和名称取自 --code 和 --name (旧名 --county-code、--county-name 仍可用),\n"
		"默认 " PLACEHOLDER_CODE " " PLACEHOLDER_NAME
		" (之后可用 org import 以同一代码改名)。\n"
		"--demo 建 " DEMO_COUNTY_NAME ": 两个医共体、三级机构、各角色用户 (拼音登录名)、\n"
		"截至上月的 12 个月报表 (各种状态)、派驻与转诊记录。\n"
		"系统数据库由 root 创建: yigong init --admin 信息科登录名 (见 doc/deploy.md)。",
	.en = "create a database, you (or --admin LOGIN) its admin; --demo adds a demo county\n"
		"Refused when the file exists.  Without --demo, a root unit is made: its level\n"
		"from --level (county, the default; prefecture or province, which consolidate\n"
		"the counties' returns), its code and name from --code and --name (or 0.1's\n"
		"--county-code and --county-name), by default " PLACEHOLDER_CODE " "
		PLACEHOLDER_NAME "\n(org import can rename it later under the same code).\n"
		"--demo builds " DEMO_COUNTY_NAME ": two medical communities, institutions of all\n"
		"three tiers, users of every role (pinyin logins), twelve months of returns up to\n"
		"last month in every state, postings and referrals.\n"
		"root makes the system database: yigong init --admin LOGIN (doc/deploy.md).",
	.flags = 0,
	.exec = init_exec,
};

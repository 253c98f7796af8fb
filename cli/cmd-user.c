/*
 * cmd-user.c — yigong user add / user list: who may use the database.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "cmdopt.h"

extern const struct cmd_entry cmd_user_add_entry;
extern const struct cmd_entry cmd_user_list_entry;

/* Unix logins: the POSIX portable user-name set, not starting with '-',
 * and no longer than useradd accepts. */
static bool login_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 32 || s[0] == '-')
		return false;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		"0123456789._-") == n;
}

static int user_add_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum { OPT_ROLE = 1, OPT_ORG };
	static const struct option opts[] = {
		{ "role", required_argument, NULL, OPT_ROLE },
		{ "org", required_argument, NULL, OPT_ORG },
		{ 0 },
	};
	const struct cmd_entry *e = &cmd_user_add_entry;
	const char *login, *role_s = NULL, *org_s = NULL;
	struct yg_org org = { 0 };
	struct yg_user old = { 0 };
	bool existed;
	int c, role, rc;

	while ((c = cmd_getopt(e, argc, argv, opts)) != -1) {
		switch (c) {
		case OPT_ROLE: role_s = optarg; break;
		case OPT_ORG: org_s = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (!cmd_positionals(e, argc, argv, 1, 1))
		return EXIT_USAGE;
	login = argv[optind];
	if (!role_s)
		return cmd_usage(e, _("--role is missing (clerk, reviewer or admin)"));
	if (!org_s)
		return cmd_usage(e, _("--org is missing (an org unit's code)"));

	if (!login_ok(login)) {
		cmd_error(_("login '%s' is not valid: letters, digits, '.', '_' and '-' only, "
			"not starting with '-', at most 32 characters"), login);
		return EXIT_REFUSED;
	}
	role = yg_role_parse(role_s);
	if (role < 0) {
		cmd_error(_("role '%s' is not valid: clerk, reviewer or admin"), role_s);
		return EXIT_REFUSED;
	}
	rc = yg_org_get(ctx->db, org_s, &org);
	if (rc == YG_ENOTFOUND) {
		cmd_error(_("no org unit has the code '%s' (yigong org list shows them)"), org_s);
		return EXIT_REFUSED;
	}
	if (rc != YG_OK)
		return cmd_fail(rc);
	yg_org_clear(&org);

	existed = yg_user_get(ctx->db, login, &old) == YG_OK;
	yg_user_clear(&old);
	rc = yg_user_put(ctx->db, login, (enum yg_role)role, org_s);
	if (rc != YG_OK)
		return cmd_fail(rc);
	printf(existed ? _("changed user %s: %s, %s\n")
		: _("added user %s: %s, %s\n"),
		login, yg_role_name((enum yg_role)role), org_s);
	return EXIT_OK;
}

static const char *const user_list_columns[] = { "login", "role", "org", "state", NULL };

static int user_list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { CMD_LISTING_OPTIONS, { 0 } };
	struct cmd_listing l = { .e = &cmd_user_list_entry };
	struct yg_user *v = NULL;
	size_t n = 0;
	int c, rc;

	while ((c = cmd_getopt(&cmd_user_list_entry, argc, argv, opts)) != -1)
		if (!cmd_listing_opt(&l, c))
			return EXIT_USAGE;
	if (!cmd_positionals(&cmd_user_list_entry, argc, argv, 0, 0))
		return EXIT_USAGE;
	rc = yg_user_list(ctx->db, &v, &n);
	if (rc != YG_OK)
		return cmd_fail(rc);
	cmd_listing_header(&l);
	for (size_t i = 0; i < n; i++) {
		/* what the database holds goes out escaped, whatever wrote it */
		cmd_put_field(v[i].login);
		printf("\t%s\t", yg_role_name(v[i].role));
		cmd_put_field(v[i].org_code);
		printf("\t%s\n", v[i].disabled ? "disabled" : "active");
	}
	yg_user_list_free(v, n);
	cmd_summary(&l, C_("cmd-user", "%llu %s"), (unsigned long long)n,
		cmd_noun(n, "user", "users"));
	return EXIT_OK;
}

const struct cmd_entry cmd_user_add_entry = {
	.name = "user add",
	.usage = "LOGIN --role clerk|reviewer|admin --org CODE",
	.zh = "添加或更改用户 (仅管理员)\n登录名即 Unix 登录名 (字母、数字、. _ -)。",
	.en = N_("add or change a user (admin only)\n"
		"LOGIN is the Unix login (letters, digits, . _ -)."),
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = user_add_exec,
};

const struct cmd_entry cmd_user_list_entry = {
	.name = "user list",
	.usage = "[--header] [--quiet]",
	.zh = "用户列表\n每行一个, 制表符分隔: 登录名 角色 单位代码 状态 (active/disabled);\n"
		"用户数写到标准错误。",
	.en = N_("list the users\nOne a line, tab-separated: login, role, org code, state "
		"(active/disabled);\nthe count goes to standard error."),
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = user_list_exec,
	.columns = user_list_columns,
};

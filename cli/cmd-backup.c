/*
 * cmd-backup.c — yigong backup: a consistent copy of the live database.
 */
#include "config.h"

#include <stdio.h>

#include "cmd.h"
#include "cmdopt.h"
#include "yg_csv.h"

extern const struct cmd_entry cmd_backup_entry;

static int backup_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { { 0 } };
	const struct cmd_entry *e = &cmd_backup_entry;
	int rc;

	if (cmd_getopt(e, argc, argv, opts) != -1)
		return EXIT_USAGE;
	if (!cmd_positionals(e, argc, argv, 1, 1))
		return EXIT_USAGE;
	rc = yg_backup(ctx->db, argv[optind]);
	if (rc != YG_OK)
		return cmd_fail(rc);
	cmd_error(_("backed up to %s"), argv[optind]);
	return EXIT_OK;
}

const struct cmd_entry cmd_backup_entry = {
	.name = "backup",
	.usage = "FILE",
	.zh = "把正在使用的数据库一致地复制到 FILE (管理员)\n"
		"用 SQLite 在线备份, 其他用户可照常工作; FILE 不能已存在。切勿直接 cp 数据库文件。",
	.en = N_("copy the live database consistently to FILE (admin)\n"
		"Uses SQLite's online backup, so other users keep working; FILE must not exist.\n"
		"Never cp a live database file."),
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = backup_exec,
};

/*
 * cmd-restore.c — yigong restore: a backup (or any Yigong database of this or
 * an older version) takes the live database's place; the counterpart of
 * backup.  How it is swapped in, and why it waits for everyone else to quit:
 * core/restore.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "cmdopt.h"
#include "privilege.h"

extern const struct cmd_entry cmd_restore_entry;

static int restore_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { { 0 } };
	const struct cmd_entry *e = &cmd_restore_entry;
	const char *file;
	yg_db *loaded = NULL;
	char *saved = NULL;
	int rc, from;

	if (cmd_getopt(e, argc, argv, opts) != -1)
		return EXIT_USAGE;
	if (!cmd_positionals(e, argc, argv, 1, 1))
		return EXIT_USAGE;
	file = argv[optind];
	/* FILE is the admin's: read with their own rights (privilege.c). */
	rc = yg_restore_load(ctx->db, file, &loaded);
	if (rc != YG_OK)
		return cmd_fail(rc);
	from = yg_db_upgraded_from(loaded, NULL);
	/* The copy of the live database goes beside it, in the group's
	 * directory: the group's rights for that step alone. */
	if (priv_db_enter() != 0) {
		yg_restore_free(loaded);
		return EXIT_REFUSED;
	}
	rc = yg_restore_swap(ctx->db, loaded, &saved);
	priv_db_leave();
	yg_restore_free(loaded);
	if (rc != YG_OK)
		return cmd_fail(rc);
	if (from)
		fprintf(stderr, _("yigong: %s was a schema %d database; upgraded to %d\n"),
			file, from, yg_schema_latest());
	fprintf(stderr,
		_("yigong: restored %2$s from %1$s; the database as it was is kept in %3$s\n"),
		file, ctx->db_path, saved);
	free(saved);
	return EXIT_OK;
}

const struct cmd_entry cmd_restore_entry = {
	.name = "restore",
	.usage = "FILE",
	.zh = "用备份 FILE 替换正在使用的数据库 (管理员)\n"
		"FILE 须是本版本或更早版本的 Yigong 数据库, 且通过完整性检查;\n"
		"旧版本的先升级。其他用户都退出后才能恢复 (否则列出谁在使用)。\n"
		"原数据库先保存为 数据库.before-restore。",
	.en = N_("replace the live database with the backup FILE (admin)\n"
		"FILE must be a Yigong database of this or an older version and pass\n"
		"its integrity check; an older one is upgraded.  Refused while others\n"
		"use the database (it says who).  The live database is first kept as\n"
		"DB.before-restore."),
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = restore_exec,
};

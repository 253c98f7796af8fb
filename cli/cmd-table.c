/*
 * cmd-table.c — every subcommand of yigong, in the order --help lists them.
 * A new command adds its entry here and its source in cli/local.mk.
 */
#include "config.h"

#include <stddef.h>

#include "cmd.h"

extern const struct cmd_entry cmd_init_entry;
extern const struct cmd_entry cmd_user_add_entry;
extern const struct cmd_entry cmd_user_list_entry;
extern const struct cmd_entry cmd_org_list_entry;
extern const struct cmd_entry cmd_org_import_entry;
extern const struct cmd_entry cmd_org_export_entry;
extern const struct cmd_entry cmd_status_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_dashboard_entry;
/* The CSV commands. */
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_backup_entry;
extern const struct cmd_entry cmd_records_export_entry;
extern const struct cmd_entry cmd_records_import_entry;
extern const struct cmd_entry cmd_restore_entry;
extern const struct cmd_entry cmd_bulletin_entry;

const struct cmd_entry *const cmd_table[] = {
	&cmd_init_entry,
	&cmd_user_add_entry,
	&cmd_user_list_entry,
	&cmd_org_list_entry,
	&cmd_org_import_entry,
	&cmd_org_export_entry,
	&cmd_status_entry,
	&cmd_export_entry,
	&cmd_import_entry,
	&cmd_backup_entry,
	&cmd_records_export_entry,
	&cmd_records_import_entry,
	&cmd_restore_entry,
	&cmd_check_entry,
	&cmd_dashboard_entry,
	&cmd_bulletin_entry,
};
const size_t cmd_table_len = sizeof cmd_table / sizeof cmd_table[0];

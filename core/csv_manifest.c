/*
 * csv_manifest.c — the manifest beside an export, and yg_backup.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_internal.h"

int yg_export_manifest(yg_db *db, const char *manifest_path, const char *path,
	const struct yg_export_opts *opts, const struct yg_export_stats *st)
{
	char from[8], to[8];
	char *now = yg_now_iso();
	const char *base = strrchr(path, '/');
	FILE *fp;
	int rc = YG_OK;

	if (!now)
		return yg_fail(YG_ENOMEM, "内存不足", "out of memory");
	yg_period_format(opts->from, from);
	yg_period_format(opts->to ? opts->to : opts->from, to);
	if (!(fp = fopen(manifest_path, "w"))) {
		free(now);
		return yg_fail(YG_ERROR, "无法写入 %s:%s", "cannot write %s: %s", manifest_path,
			strerror(errno));
	}
	/* "key: value" lines in ASCII keys: for people and for scripts alike.
	 * The sha256 line also reads as sha256sum's own format below. */
	fprintf(fp, "file: %s\n", base ? base + 1 : path);
	fprintf(fp, "format: %s\n", yg_csv_format_name(opts->format));
	fprintf(fp, "form: %s\n", opts->form ? opts->form : "all");
	fprintf(fp, "encoding: %s\n", yg_csv_encoding_name(opts->encoding));
	fprintf(fp, "periods: %s..%s\n", from, to);
	fprintf(fp, "periods_with_data: %llu\n", (unsigned long long)st->periods);
	fprintf(fp, "institutions: %llu\n", (unsigned long long)st->institutions);
	fprintf(fp, "rows: %llu\n", (unsigned long long)st->rows);
	fprintf(fp, "bytes: %llu\n", (unsigned long long)st->bytes);
	fprintf(fp, "approved_only: %s\n", opts->include_unapproved ? "false" : "true");
	fprintf(fp, "sha256: %s\n", st->sha256);
	fprintf(fp, "generated_at: %s\n", now);
	fprintf(fp, "generated_by: %s\n", db->actor.login ? db->actor.login : "?");
	if (db->acting_for)
		fprintf(fp, "acting_for: %s\n", db->acting_for);
	fprintf(fp, "generator: yigong " PACKAGE_VERSION "\n");
	if (fclose(fp) != 0)
		rc = yg_fail(YG_ERROR, "无法写入 %s:%s", "cannot write %s: %s", manifest_path,
			strerror(errno));
	free(now);
	return rc;
}

int yg_backup(yg_db *db, const char *path)
{
	int rc = yg_need_role(db, YG_ROLE_ADMIN, "备份数据库", "backing up the database");

	return rc == YG_OK ? yg_db_copy(db->sql, path) : rc;
}

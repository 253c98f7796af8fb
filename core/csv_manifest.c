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
	/* A workbook's text is UTF-8 whatever was asked for. */
	fprintf(fp, "encoding: %s\n", yg_csv_encoding_name(opts->format == YG_CSV_XLSX ?
		YG_ENC_UTF8 : opts->encoding));
	fprintf(fp, "periods: %s..%s\n", from, to);
	fprintf(fp, "periods_with_data: %llu\n", (unsigned long long)st->periods);
	fprintf(fp, "institutions: %llu\n", (unsigned long long)st->institutions);
	fprintf(fp, "rows: %llu\n", (unsigned long long)st->rows);
	fprintf(fp, "bytes: %llu\n", (unsigned long long)st->bytes);
	fprintf(fp, "approved_only: %s\n", opts->include_unapproved ? "false" : "true");
	fprintf(fp, "sha256: %s\n", st->sha256);
	/* What the workbook's first sheet carries (yg_csv.h: data_sha256). */
	if (opts->format == YG_CSV_XLSX)
		fprintf(fp, "data_sha256: %s\n", st->data_sha256);
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
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int fd, rc;

	if ((rc = yg_need_role(db, YG_ROLE_ADMIN, "备份数据库", "backing up the database")) != YG_OK)
		return rc;
	/* O_EXCL: a backup never overwrites; 0660 like the live database. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0660);
	if (fd < 0)
		return errno == EEXIST
			? yg_fail(YG_EEXIST, "%s 已存在,不会覆盖", "%s already exists; not overwriting it",
				path)
			: yg_fail(YG_ERROR, "无法创建 %s:%s", "cannot create %s: %s", path,
				strerror(errno));
	close(fd);
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = yg_fail(YG_ERROR, "无法打开 %s:%s", "cannot open %s: %s", path,
			dst ? sqlite3_errmsg(dst) : "out of memory");
		goto fail;
	}
	/* One step of all pages: the copy is one consistent snapshot (a read
	 * transaction on the source), and writers in WAL mode are not held up. */
	b = sqlite3_backup_init(dst, "main", db->sql, "main");
	if (!b) {
		rc = yg_fail(YG_ERROR, "备份失败:%s", "backup failed: %s", sqlite3_errmsg(dst));
		goto fail;
	}
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		rc = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED
			? yg_fail(YG_EBUSY, "数据库正忙,请稍后再试", "the database is busy; try again shortly")
			: yg_fail(YG_ERROR, "备份失败:%s", "backup failed: %s", sqlite3_errstr(rc));
		goto fail;
	}
	/* The copy is a rollback-journal file that any sqlite3 opens alone;
	 * yg_db_open switches it back to WAL when it is put to use. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		rc = yg_fail(YG_ERROR, "备份失败:%s", "backup failed: %s", sqlite3_errmsg(dst));
		goto fail;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		dst = NULL;
		rc = yg_fail(YG_ERROR, "备份失败", "backup failed");
		goto fail;
	}
	return YG_OK;
fail:
	sqlite3_close_v2(dst);
	unlink(path);
	return rc;
}

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

static void manifest_write(yg_db *db, FILE *fp, const char *path,
	const struct yg_export_opts *opts, const struct yg_export_stats *st, const char *now)
{
	char from[8], to[8];
	const char *base = strrchr(path, '/');

	yg_period_format(opts->from, from);
	yg_period_format(opts->to ? opts->to : opts->from, to);
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
}

int yg_export_manifest(yg_db *db, const char *manifest_path, const char *path,
	const struct yg_export_opts *opts, const struct yg_export_stats *st)
{
	char *now = yg_now_iso(), *tmp = NULL;
	FILE *fp;
	int rc;

	if (!now)
		return yg_fail(YG_ENOMEM, "out of memory");
	if (!(fp = yg_temp_beside(manifest_path, &tmp))) {
		free(now);
		return YG_ERROR;
	}
	manifest_write(db, fp, path, opts, st, now);
	rc = yg_temp_close(fp, tmp, ferror(fp) ? yg_fail(YG_ERROR, "cannot write %s",
		manifest_path) : YG_OK);
	if (rc == YG_OK && rename(tmp, manifest_path) != 0)
		rc = yg_fail(YG_ERROR, "cannot write %s: %s", manifest_path,
			strerror(errno));
	if (rc != YG_OK)
		unlink(tmp);
	free(tmp);
	free(now);
	return rc;
}

char *yg_export_file_name(const char *path, enum yg_csv_format format)
{
	size_t n = strlen(path);

	/* A name offered as .csv: a workbook gets its own extension, or Excel
	 * and WPS refuse to open it. */
	if (format == YG_CSV_XLSX && n > 4 && strcmp(path + n - 4, ".csv") == 0)
		return yg_asprintf("%.*s.xlsx", (int)(n - 4), path);
	return yg_strdup(path);
}

int yg_export_file(yg_db *db, const struct yg_export_opts *opts, const char *path,
	struct yg_export_stats *st)
{
	char *tmp = NULL, *mtmp = NULL, *manifest = yg_asprintf("%s.manifest", path);
	char *now = yg_now_iso();
	FILE *fp = NULL, *mf = NULL;
	int rc = YG_OK;

	if (!manifest || !now) {
		rc = yg_fail(YG_ENOMEM, "out of memory");
		goto out;
	}
	if (!(fp = yg_temp_beside(path, &tmp))) {
		rc = YG_ERROR;
		goto out;
	}
	rc = yg_export(db, opts, fp, st);
	rc = yg_temp_close(fp, tmp, rc);
	if (rc == YG_OK) {
		if (!(mf = yg_temp_beside(manifest, &mtmp))) {
			rc = YG_ERROR;
			goto out;
		}
		manifest_write(db, mf, path, opts, st, now);
		rc = yg_temp_close(mf, mtmp, ferror(mf) ? yg_fail(YG_ERROR,
			"cannot write %s", manifest) : YG_OK);
	}
	/* Both complete: into place, the manifest first, so that a manifest
	 * that cannot go in leaves the CSV that was there untouched.  Should
	 * the CSV then fail to go in, its new manifest goes too: never one
	 * without the other. */
	if (rc == YG_OK && rename(mtmp, manifest) != 0) {
		rc = yg_fail(YG_ERROR, "cannot write %s: %s", manifest,
			strerror(errno));
	} else if (rc == YG_OK && rename(tmp, path) != 0) {
		rc = yg_fail(YG_ERROR, "cannot write %s: %s", path, strerror(errno));
		unlink(manifest);
	}
out:
	if (rc != YG_OK && tmp)
		unlink(tmp);
	if (rc != YG_OK && mtmp)
		unlink(mtmp);
	free(tmp);
	free(mtmp);
	free(manifest);
	free(now);
	return rc;
}

int yg_backup(yg_db *db, const char *path)
{
	struct stat sb;
	int rc;

	/* A backup holds every unit's returns: the county's admin only. */
	if ((rc = yg_need_access(db, YG_ROLE_ADMIN, "备份数据库", N_("backing up the database"),
			YG_PLACE_ROOT, 0)) != YG_OK)
		return rc;
	/* A backup never overwrites. */
	if (lstat(path, &sb) == 0)
		return yg_fail(YG_EEXIST, "%s already exists; not overwriting it",
			path);
	return yg_db_copy(db->sql, path);
}

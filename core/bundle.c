/*
 * bundle.c — a county's bundle: what it sends upward in one piece (its org
 * file, its returns and a manifest of both), and how the level above takes
 * it in, all or nothing (DESIGN §1 "Levels above the county").
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_internal.h"

/* The manifest's first line: what the file is. */
#define BUNDLE_MAGIC "bundle: yigong"

static const char *const bundle_files[] = { YG_BUNDLE_ORG, YG_BUNDLE_RETURNS };
enum { B_ORG, B_RETURNS, B_COUNT };

static char *in_dir(const char *dir, const char *name)
{
	char *p = yg_asprintf("%s/%s", dir, name);

	if (!p)
		yg_fail(YG_ENOMEM, "out of memory");
	return p;
}

int yg_bundle_export(yg_db *db, const struct yg_export_opts *opts, const char *dir,
	struct yg_bundle_stats *st)
{
	struct yg_export_opts ro = *opts;
	struct yg_org unit = { 0 };
	char *path[B_COUNT + 1] = { 0 }, *tmp[B_COUNT + 1] = { 0 }, *now = NULL;
	char from[8], to[8];
	FILE *fp;
	int rc;

	memset(st, 0, sizeof *st);
	/* A bundle is a level's whole: the county's tree (or a prefecture's),
	 * which the level above hangs under its root. */
	if ((rc = yg_need_login(db)) != YG_OK ||
	    (rc = yg_org_get_id(db, db->actor.org_id, &unit)) != YG_OK)
		return rc;
	if (!yg_kind_is_level(unit.kind)) {
		rc = yg_fail(YG_EPERM,
			"a bundle is a whole county's (or prefecture's): your scope is %s %s",
			yg_kind_label(unit.kind), unit.name);
		goto out;
	}
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		rc = yg_fail(YG_ERROR, "cannot make the directory %s: %s", dir,
			strerror(errno));
		goto out;
	}
	ro.format = YG_CSV_LONG;
	ro.encoding = YG_ENC_UTF8;
	ro.form = NULL;
	ro.to = ro.to ? ro.to : ro.from;
	for (int i = 0; i <= B_COUNT; i++) {
		if (!(path[i] = in_dir(dir, i < B_COUNT ? bundle_files[i] : YG_BUNDLE_MANIFEST))) {
			rc = YG_ENOMEM;
			goto out;
		}
	}
	/* Each file through a temporary beside it; all renamed into place
	 * once all are complete, the manifest last: a manifest never vouches
	 * for files that are not yet there. */
	for (int i = 0; i < B_COUNT && rc == YG_OK; i++) {
		if (!(fp = yg_temp_beside(path[i], &tmp[i]))) {
			rc = YG_ERROR;
			break;
		}
		rc = i == B_ORG ? yg_org_export(db, fp, &st->org) : yg_export(db, &ro, fp, &st->returns);
		rc = yg_temp_close(fp, tmp[i], rc);
	}
	if (rc == YG_OK && !(now = yg_now_iso()))
		rc = yg_fail(YG_ENOMEM, "out of memory");
	if (rc == YG_OK && !(fp = yg_temp_beside(path[B_COUNT], &tmp[B_COUNT])))
		rc = YG_ERROR;
	if (rc == YG_OK) {
		yg_period_format(ro.from, from);
		yg_period_format(ro.to, to);
		fprintf(fp, BUNDLE_MAGIC "\n");
		fprintf(fp, "unit: %s\n", unit.code);
		fprintf(fp, "kind: %s\n", yg_kind_name(unit.kind));
		fprintf(fp, "periods: %s..%s\n", from, to);
		fprintf(fp, "approved_only: %s\n", ro.include_unapproved ? "false" : "true");
		for (int i = 0; i < B_COUNT; i++) {
			const struct yg_export_stats *s = i == B_ORG ? &st->org : &st->returns;

			fprintf(fp, "file: %s\n", bundle_files[i]);
			fprintf(fp, "rows: %llu\n", (unsigned long long)s->rows);
			fprintf(fp, "sha256: %s\n", s->sha256);
		}
		fprintf(fp, "generated_at: %s\n", now);
		fprintf(fp, "generated_by: %s\n", db->actor.login ? db->actor.login : "?");
		fprintf(fp, "generator: yigong " PACKAGE_VERSION "\n");
		rc = yg_temp_close(fp, tmp[B_COUNT], ferror(fp) ? yg_fail(YG_ERROR,
			"cannot write %s", path[B_COUNT]) : YG_OK);
	}
	for (int i = 0; i <= B_COUNT && rc == YG_OK; i++) {
		if (rename(tmp[i], path[i]) != 0)
			rc = yg_fail(YG_ERROR, "cannot write %s: %s", path[i],
				strerror(errno));
		else {
			free(tmp[i]);
			tmp[i] = NULL;
		}
	}
out:
	for (int i = 0; i <= B_COUNT; i++) {
		if (tmp[i])
			unlink(tmp[i]);
		free(tmp[i]);
		free(path[i]);
	}
	free(now);
	yg_org_clear(&unit);
	return rc;
}

/* ---- import ---- */

/* The SHA-256 of what fp holds, read to the end and rewound. */
static int file_sha256(FILE *fp, const char *path, char hex[65])
{
	struct yg_sha256 c;
	char buf[65536];
	size_t n;

	yg_sha256_init(&c);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		yg_sha256_update(&c, buf, n);
	if (ferror(fp) || fseek(fp, 0, SEEK_SET) != 0)
		return yg_fail(YG_ERROR, "reading %s failed: %s", path,
			strerror(errno));
	yg_sha256_hex(&c, hex);
	return YG_OK;
}

/*
 * Reads the manifest: its first line says it is one, then "file: NAME"
 * lines each followed by its "sha256: HEX".  Every file the bundle holds
 * must be named, once, and no other.
 */
static int read_manifest(const char *path, char sha[B_COUNT][65])
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int cur = -1, lineno = 0, rc = YG_OK;
	bool seen[B_COUNT] = { false };

	if (!fp)
		return yg_fail(YG_EINVAL, "cannot open the manifest %s: %s", path,
			strerror(errno));
	while (rc == YG_OK && (len = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (lineno == 1) {
			if (strcmp(line, BUNDLE_MAGIC))
				rc = yg_fail(YG_EINVAL,
					"%s is not a bundle manifest (its first line is \"%s\")", path,
					BUNDLE_MAGIC);
		} else if (!strncmp(line, "file: ", 6)) {
			for (cur = 0; cur < B_COUNT && strcmp(line + 6, bundle_files[cur]); cur++)
				;
			if (cur == B_COUNT || seen[cur])
				rc = yg_fail(YG_EINVAL,
					"%s:%d: the file \"%s\" is not part of a bundle, or named twice", path,
					lineno, line + 6);
			else
				seen[cur] = true;
		} else if (!strncmp(line, "sha256: ", 8) && cur >= 0) {
			if (strlen(line + 8) != 64 || strspn(line + 8, "0123456789abcdef") != 64)
				rc = yg_fail(YG_EINVAL,
					"%s:%d: the SHA-256 is 64 hexadecimal digits", path, lineno);
			else
				memcpy(sha[cur], line + 8, 65);
			cur = -1;
		}
	}
	if (rc == YG_OK && lineno == 0)
		rc = yg_fail(YG_EINVAL, "the manifest %s is empty", path);
	for (int i = 0; rc == YG_OK && i < B_COUNT; i++)
		if (!seen[i] || !sha[i][0])
			rc = yg_fail(YG_EINVAL,
				"the manifest %s gives no SHA-256 for %s", path, bundle_files[i]);
	free(line);
	fclose(fp);
	return rc;
}

/* A file's problems, told with the file's path. */
struct told {
	yg_bundle_problem problem;
	void *arg;
	const char *path;
};

static void tell(void *arg, uint64_t line, const char *msg)
{
	struct told *t = arg;

	if (t->problem)
		t->problem(t->arg, t->path, line, msg);
}

int yg_bundle_import(yg_db *db, const char *dir, const struct yg_bundle_import_opts *opts,
	struct yg_bundle_import_stats *st)
{
	char sha[B_COUNT][65] = { { 0 } }, got[65];
	char *path[B_COUNT + 1] = { 0 };
	FILE *fp[B_COUNT] = { 0 };
	struct told told[B_COUNT];
	int rc = YG_OK;

	memset(st, 0, sizeof *st);
	for (int i = 0; i <= B_COUNT; i++) {
		if (!(path[i] = in_dir(dir, i < B_COUNT ? bundle_files[i] : YG_BUNDLE_MANIFEST))) {
			rc = YG_ENOMEM;
			goto out;
		}
	}
	/* Every file against the manifest before anything is written; the
	 * files stay open, so what was checked is what is read. */
	if ((rc = read_manifest(path[B_COUNT], sha)) != YG_OK)
		goto out;
	for (int i = 0; i < B_COUNT; i++) {
		if (!(fp[i] = fopen(path[i], "r"))) {
			rc = yg_fail(YG_EINVAL, "cannot open %s: %s", path[i],
				strerror(errno));
			goto out;
		}
		if ((rc = file_sha256(fp[i], path[i], got)) != YG_OK)
			goto out;
		if (strcmp(got, sha[i])) {
			rc = yg_fail(YG_EINVAL, "%s: its SHA-256 does not match the manifest %s (the "
				"file was changed or is incomplete); the database is unchanged",
				path[i], path[B_COUNT]);
			goto out;
		}
		told[i] = (struct told){ opts->problem, opts->problem_arg, path[i] };
	}
	/* The units first, then their returns, in one transaction. */
	if ((rc = yg_begin(db)) != YG_OK)
		goto out;
	rc = yg_org_import(db, fp[B_ORG], &(struct yg_import_opts){ .encoding = YG_ENC_UTF8,
		.source = path[B_ORG], .problem = tell, .problem_arg = &told[B_ORG] }, &st->org);
	if (rc == YG_OK)
		rc = yg_import(db, fp[B_RETURNS], &(struct yg_import_opts){
			.encoding = YG_ENC_UTF8, .source = path[B_RETURNS], .problem = tell,
			.problem_arg = &told[B_RETURNS] }, &st->returns);
	if (rc == YG_OK && !opts->dry_run)
		rc = yg_commit(db);
	else
		yg_rollback(db);
out:
	for (int i = 0; i < B_COUNT; i++)
		if (fp[i])
			fclose(fp[i]);
	for (int i = 0; i <= B_COUNT; i++)
		free(path[i]);
	return rc;
}

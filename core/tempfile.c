/*
 * tempfile.c — the safe temporary every file the core writes goes through
 * (exports, manifests, rosters, the copy saved before an upgrade).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* A temporary beside path: mkstemp's O_CREAT|O_EXCL never opens what a
 * symlink planted there points to, and a name nobody can guess in advance
 * gives nobody the chance.  *tmp is the name (caller frees); the file is
 * open for writing, with the mode the umask gives a new file. */
FILE *yg_temp_beside(const char *path, char **tmp)
{
	const char *slash = strrchr(path, '/');
	mode_t mask = umask(0);
	FILE *fp = NULL;
	int fd;

	umask(mask);
	*tmp = slash ? yg_asprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1)
		: yg_asprintf(".%s.XXXXXX", path);
	if (!*tmp) {
		yg_fail(YG_ENOMEM, "out of memory");
		return NULL;
	}
	if ((fd = mkstemp(*tmp)) < 0) {
		yg_fail(YG_ERROR, "cannot make a temporary file beside %s: %s",
			path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	if (fchmod(fd, 0666 & ~mask) != 0 || !(fp = fdopen(fd, "w"))) {
		yg_fail(YG_ERROR, "cannot write %s: %s", *tmp, strerror(errno));
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
	}
	return fp;
}

int yg_temp_close(FILE *fp, const char *tmp, int rc)
{
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0) {
		if (rc == YG_OK)
			rc = yg_fail(YG_ERROR, "writing %s failed: %s", tmp,
				strerror(errno));
	}
	if (fclose(fp) != 0 && rc == YG_OK)
		rc = yg_fail(YG_ERROR, "writing %s failed: %s", tmp, strerror(errno));
	return rc;
}

int yg_temp_finish(FILE *fp, char *tmp, const char *path, int rc)
{
	rc = yg_temp_close(fp, tmp, rc);
	if (rc == YG_OK && rename(tmp, path) != 0)
		rc = yg_fail(YG_ERROR, "cannot write %s: %s", path, strerror(errno));
	if (rc != YG_OK)
		unlink(tmp);
	free(tmp);
	return rc;
}

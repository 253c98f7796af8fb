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

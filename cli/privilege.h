/*
 * privilege.h — running setgid yigong for many Unix users (doc/deploy.md).
 *
 * The installed program is setgid to the group that owns the database; the
 * users are not in that group, so the program's own checks are the only way
 * to the data.  This module does what that demands: it cleans the
 * environment, reads /etc/yigong.conf, decides which database a user may
 * name, and opens the files a user names (export -o, backup FILE) with the
 * user's own group, never the program's.
 *
 * "Elevated" means the effective group differs from the real one: the
 * program was started through its setgid bit by someone not in its group.
 * Every function is harmless, and does nothing special, when not elevated.
 */
#ifndef YIGONG_PRIVILEGE_H
#define YIGONG_PRIVILEGE_H

#include <stdbool.h>
#include <sys/types.h>

struct cmd_entry;

/*
 * First thing in main, before anything reads the environment or the
 * locale: when elevated, turns core dumps off, sets umask 007, replaces the
 * environment by a short list of harmless variables (TERM, LANG, LC_*, TZ,
 * NO_COLOR, COLUMNS, LINES, YIGONG_LANG) and a fixed PATH; then reads
 * the configuration (conffile.h) and applies its language; then sets the
 * effective group back to the user's (see priv_db_enter).  Returns 0, or
 * an exit status after printing why it refused (a broken configuration, an
 * unsafe TERM).
 */
int priv_init(void);

/* Is the program running with a group its user does not have? */
bool priv_elevated(void);

/*
 * The database path for this run: --db (opt_db), else $YIGONG_DB, else the
 * configured system path (conffile), else YG_SYSTEM_DB.  When elevated, a
 * path other than the system one is only for the system database's admins,
 * and is then opened with the user's own rights (the group privilege is
 * dropped for good first); init of the system database through the setgid
 * bit is refused (whoever ran it would become its admin).  Returns 0 with
 * *path set (static or the caller's string), or an exit status after
 * printing why.  e is the command (NULL: the screens).
 */
int priv_db_path(const char *opt_db, const struct cmd_entry *e, const char **path);

/*
 * The group's rights, held only while the database is opened or closed:
 * wrap yg_db_open and yg_db_close in these.  The rest of the run has the
 * user's rights (and umask), so that "export -o /var/lib/yigong/yigong.db"
 * fails exactly as it would from the user's shell.  priv_db_enter prints
 * why and returns -1 when it cannot; priv_db_leave exits rather than keep
 * the group.  No-ops when not elevated.
 */
int priv_db_enter(void);
void priv_db_leave(void);

/*
 * open(2) of a file the user named, as the user (O_CLOEXEC added).  Since
 * the group is held only around priv_db_enter/leave this is plain open();
 * calling it says, and keeps, what the call relies on.  Returns the
 * descriptor, or -1 with errno set.
 */
int priv_open_user_file(const char *path, int flags, mode_t mode);

/* For code that lets a library open the user's file (sqlite3 as the
 * destination of a backup): guarantees the user's rights in between.
 * Nests.  Returns 0, or -1 with errno set. */
int priv_user_begin(void);
void priv_user_end(void);

/* Gives the group privilege up for the rest of the run. */
int priv_drop(void);

/* Configured due day of the month for new databases (0: none); applied by
 * init (priv_after_init). */
int priv_after_init(const char *db_path, const char *login);

#endif

/*
 * tui.c — the screens as a user on a slow link meets them: the real program
 * in a pseudo-terminal at 80×24, each key timed to the last byte of the
 * screen it brings, and the bytes counted.
 *
 *   bench/tui YIGONG DB review [LEVELS]   the review grid: first paint,
 *                                         month change, a county opened
 *                                         (Enter LEVELS times: 1 at a
 *                                         prefecture, 2 at a province; the
 *                                         second row first), its first
 *                                         medical community picked, the
 *                                         dashboard, month change, back
 *   bench/tui YIGONG DB form LOGIN        a clerk's form: bytes per field
 *                                         move and per typed character
 *
 * A step ends when the program is idle again: blocked waiting for a key
 * (its state in /proc is S and its CPU time stands still) and nothing has
 * come for QUIET_MS; a step may also name a marker that must have arrived.
 * The time is that of the last byte, so the waiting itself is not counted.  Arrow keys go in keypad-transmit
 * form (ESC O B), as a terminal sends them once the program has asked.
 * Prints one tab-separated line a step: step, milliseconds, bytes; then the
 * child's peak RSS.  YIGONG_NOW is passed through (the benches fix it).
 * BENCH_TUI_DUMP=1 also writes each step's bytes, escaped, to stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define QUIET_MS 80
#define STEP_LIMIT_MS 120000

static int master = -1;
static pid_t child;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* The bytes since the step began, searched for the marker. */
static char *buf;
static size_t len, cap;

static void take(const char *p, size_t n)
{
	if (len + n + 1 > cap) {
		cap = (len + n + 1) * 2;
		if (!(buf = realloc(buf, cap))) {
			perror("realloc");
			exit(2);
		}
	}
	memcpy(buf + len, p, n);
	len += n;
	buf[len] = '\0';
}

/* The child's state letter and CPU ticks, from /proc/PID/stat. */
static bool idle_sample(char *state, unsigned long long *ticks)
{
	char path[64], line[1024], *p;
	unsigned long long ut, st;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)child);
	if (!(f = fopen(path, "r")))
		return false;
	p = fgets(line, sizeof line, f);
	fclose(f);
	/* After the command name's closing parenthesis: state, then fields. */
	if (!p || !(p = strrchr(line, ')')))
		return false;
	if (sscanf(p + 2, "%c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", state, &ut,
	    &st) != 3)
		return false;
	*ticks = ut + st;
	return true;
}

/* Sends keys, then reads until marker (NULL: none) has come and the program
 * is idle with the terminal quiet for QUIET_MS.  Prints the step. */
static void step(const char *name, const char *keys, size_t nkeys, const char *marker)
{
	double t0, last, seen = -1;
	unsigned long long ticks = ~0ull, prev_ticks = ~0ull;
	char chunk[65536], state = '?';

	len = 0;
	if (buf)
		buf[0] = '\0';
	t0 = last = now_ms();
	if (nkeys && write(master, keys, nkeys) != (ssize_t)nkeys) {
		perror("write");
		exit(2);
	}
	if (!marker)
		seen = t0;
	for (;;) {
		double t = now_ms();
		struct pollfd pfd = { .fd = master, .events = POLLIN };

		if (t - t0 > STEP_LIMIT_MS) {
			fprintf(stderr, "bench/tui: %s: no '%s' within %d s\n", name,
				marker ? marker : "", STEP_LIMIT_MS / 1000);
			kill(child, SIGKILL);
			exit(2);
		}
		if (poll(&pfd, 1, QUIET_MS / 2) > 0) {
			ssize_t n = read(master, chunk, sizeof chunk);

			if (n <= 0)
				break; /* the program ended */
			take(chunk, (size_t)n);
			last = now_ms();
			if (seen < 0 && strstr(buf, marker))
				seen = last;
			continue;
		}
		prev_ticks = ticks;
		if (!idle_sample(&state, &ticks))
			break;
		if (seen >= 0 && state == 'S' && ticks == prev_ticks && now_ms() - last >= QUIET_MS)
			break;
	}
	printf("%s\t%.1f\t%zu\n", name, len ? last - t0 : 0.0, len);
	fflush(stdout);
	/* BENCH_TUI_DUMP=1: what the step's bytes were, control bytes escaped,
	 * on stderr (to see what a redraw sends). */
	if (getenv("BENCH_TUI_DUMP")) {
		fprintf(stderr, "== %s\n", name);
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
				fprintf(stderr, buf[i] == '\033' ? "\\e" : "\\x%02x",
					(unsigned char)buf[i]);
			else
				fputc(buf[i], stderr);
		fputc('\n', stderr);
	}
}

static void start(const char *yigong, const char *db, const char *as)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };

	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0) {
		perror("forkpty");
		exit(2);
	}
	if (child == 0) {
		setenv("TERM", "xterm", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		unsetenv("LINES");
		unsetenv("COLUMNS");
		if (as)
			execl(yigong, yigong, "--db", db, "--as", as, (char *)NULL);
		else
			execl(yigong, yigong, "--db", db, (char *)NULL);
		_exit(127);
	}
}

static void finish(void)
{
	struct rusage ru;
	int status;
	char sink[4096];

	double t0 = now_ms();

	/* Quit (Ctrl-C works on every screen); drain so the program is not
	 * blocked writing its last screen; a program that will not go is
	 * stopped after a while, its peak still measured. */
	if (write(master, "\003", 1) != 1)
		perror("write");
	for (;;) {
		struct pollfd pfd = { .fd = master, .events = POLLIN };

		if (now_ms() - t0 > 5000) {
			kill(child, SIGTERM);
			break;
		}
		if (poll(&pfd, 1, 100) > 0) {
			if (read(master, sink, sizeof sink) <= 0)
				break;
		} else {
			siginfo_t si = { 0 };

			if (waitid(P_PID, (id_t)child, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
			    si.si_pid == child)
				break;
		}
	}
	if (wait4(child, &status, 0, &ru) < 0) {
		perror("wait4");
		exit(2);
	}
	printf("peak RSS KiB\t%ld\n", ru.ru_maxrss);
}

#define KEYS(s) s, sizeof s - 1

int main(int argc, char **argv)
{
	if (argc < 4 || (strcmp(argv[3], "review") && strcmp(argv[3], "form")) ||
	    (!strcmp(argv[3], "form") && argc < 5)) {
		fprintf(stderr, "usage: bench/tui YIGONG DB review [LEVELS] | form LOGIN\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	if (!strcmp(argv[3], "review")) {
		start(argv[1], argv[2], NULL);
		step("grid: first paint", NULL, 0, "审核 ");
		step("grid: previous month", KEYS("["), NULL);
		step("grid: next month", KEYS("]"), NULL);
		step("grid: move down", KEYS("\033OB"), NULL);
		/* Above a county the filter lists every community of the scope:
		 * open a county first, as a user would, and filter there. */
		for (int i = argc > 4 ? atoi(argv[4]) : 0; i > 0; i--)
			step(i > 1 ? "grid: open a prefecture" : "grid: open a county",
				KEYS("\r"), NULL);
		step("community filter: list", KEYS("c"), NULL);
		step("community filter: pick", KEYS("\033OB\r"), NULL);
		step("dashboard: first paint", KEYS("d"), "目标看板");
		step("dashboard: previous month", KEYS("["), NULL);
		step("dashboard: back to grid", KEYS("\033"), "审核 ");
	} else {
		start(argv[1], argv[2], argv[4]);
		step("home: first paint", NULL, 0, "本月待报");
		step("home: this month", KEYS("]"), NULL);
		step("form: open", KEYS("\r"), " | ");
		for (int i = 1; i <= 8; i++)
			step("form: field move (Tab)", KEYS("\t"), NULL);
		for (int i = 1; i <= 8; i++)
			step("form: typed digit", KEYS("7"), NULL);
		step("form: back", KEYS("\033"), NULL);
	}
	finish();
	return 0;
}

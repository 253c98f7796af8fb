/*
 * clock.c — the one "now" of the program, and the civil time it is read in.
 *
 * Every timestamp, "today", "this month" and "is it late" comes from
 * yg_clock().  Three layers decide what it says:
 *  - a temporary override (yg_set_clock) that the demo generator and the
 *    unit tests move about to make past months;
 *  - the process's own moment (yg_clock_set_now), which the program takes
 *    from YIGONG_NOW when it is not privileged, so that a whole test run
 *    lives on a stated day;
 *  - the system clock.
 *
 * Civil time is China Standard Time, whatever TZ the server has.  The
 * county's due day is a date in China (UTC+8, no daylight saving since
 * 1991): a clerk who submits at 23:30 on the 5th, Beijing time, is on time
 * even on a server whose clock runs on UTC, where it is still 15:30.  Using
 * the server's TZ made timeliness depend on how the machine was installed.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "internal.h"

#define CIVIL_OFFSET (8 * 3600)
#define DAY 86400

static int64_t override_clock;
static int64_t process_clock;

void yg_set_clock(int64_t unix_seconds)
{
	override_clock = unix_seconds;
}

void yg_clock_set_now(int64_t unix_seconds)
{
	process_clock = unix_seconds;
}

int64_t yg_clock(void)
{
	if (override_clock)
		return override_clock;
	if (process_clock)
		return process_clock;
	return (int64_t)time(NULL);
}

/* Floor division: instants before 1970 still fall on the right day. */
static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

yg_date yg_date_of_time(int64_t t)
{
	return (yg_date)floor_div(t + CIVIL_OFFSET, DAY);
}

yg_date yg_date_today(void)
{
	return yg_date_of_time(yg_clock());
}

yg_period yg_period_current(void)
{
	int y, m, d;
	yg_date_to_ymd(yg_date_today(), &y, &m, &d);
	return y * 100 + m;
}

int64_t yg_time_of_civil(yg_date d, int hour, int minute, int second)
{
	return (int64_t)d * DAY + hour * 3600 + minute * 60 + second - CIVIL_OFFSET;
}

char *yg_time_iso(int64_t t)
{
	int64_t s = t + CIVIL_OFFSET, secs = s - floor_div(s, DAY) * DAY;
	char date[11];

	yg_date_format((yg_date)floor_div(s, DAY), date);
	return yg_asprintf("%sT%02d:%02d:%02d+08:00", date, (int)(secs / 3600),
		(int)(secs % 3600 / 60), (int)(secs % 60));
}

char *yg_now_iso(void)
{
	return yg_time_iso(yg_clock());
}

static int two_digits(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * The ISO 8601 forms a timestamp in our files takes: a date, 'T' (or one
 * space), hours, minutes, optional seconds and fraction, and a zone that
 * must be there ('Z', +08:00 or +0800): a time without one names no instant.
 */
int yg_time_parse(const char *s, int64_t *out)
{
	char date[11];
	yg_date d;
	const char *p;
	int h, mi, sec = 0, sign, zh, zm = 0;

	if (!s || strlen(s) < 17 || (s[10] != 'T' && s[10] != ' '))
		goto bad;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (yg_date_parse(date, &d) != YG_OK)
		goto bad;
	p = s + 11;
	if ((h = two_digits(p)) < 0 || p[2] != ':' || (mi = two_digits(p + 3)) < 0)
		goto bad;
	p += 5;
	if (*p == ':') {
		if ((sec = two_digits(p + 1)) < 0)
			goto bad;
		p += 3;
		if (*p == '.' || *p == ',') {
			const char *f = ++p;
			while (*p >= '0' && *p <= '9')
				p++;
			if (p == f || p - f > 9)
				goto bad;
		}
	}
	/* 24:00 and leap seconds are legal ISO, but no program of ours writes
	 * them and a county's file that does is more likely corrupt. */
	if (h > 23 || mi > 59 || sec > 59)
		goto bad;
	if (*p == 'Z' && !p[1]) {
		sign = 0;
		zh = 0;
	} else if ((*p == '+' || *p == '-') && (zh = two_digits(p + 1)) >= 0) {
		sign = *p == '-' ? -1 : 1;
		p += 3;
		if (*p == ':')
			p++;
		if ((zm = two_digits(p)) < 0 || p[2] || zh > 14 || zm > 59)
			goto bad;
	} else {
		goto bad;
	}
	*out = (int64_t)d * DAY + h * 3600 + mi * 60 + sec - sign * (zh * 3600 + zm * 60);
	return YG_OK;
bad:
	return yg_fail(YG_EINVAL,
		"time \"%s\" is not an ISO 8601 time with a zone (e.g. 2026-12-02T09:00:00+08:00)",
		s ? s : "");
}

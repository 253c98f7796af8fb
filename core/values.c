/*
 * values.c — periods, dates, counts and money, parsed strictly and exactly.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* ---- periods ---- */

int yg_period_year(yg_period p) { return p / 100; }
int yg_period_month(yg_period p) { return p % 100; }

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int yg_period_days(yg_period p)
{
	return days_in_month(yg_period_year(p), yg_period_month(p));
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int digits_value(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int yg_period_parse(const char *s, yg_period *out)
{
	size_t n = s ? strlen(s) : 0;
	int y, m;

	if (n == 7 && s[4] == '-' && all_digits(s, 4) && all_digits(s + 5, 2)) {
		y = digits_value(s, 4);
		m = digits_value(s + 5, 2);
	} else if (n == 6 && all_digits(s, 6)) {
		y = digits_value(s, 4);
		m = digits_value(s + 4, 2);
	} else {
		return yg_fail(YG_EINVAL,
			"period \"%s\" is malformed; expected YYYY-MM (e.g. 2026-10)", s ? s : "");
	}
	if (m < 1 || m > 12 || y < 1950 || y > 2099)
		return yg_fail(YG_EINVAL,
			"period \"%s\" does not exist: month 01-12, year 1950-2099", s);
	*out = y * 100 + m;
	return YG_OK;
}

void yg_period_format(yg_period p, char buf[static 8])
{
	snprintf(buf, 8, "%04u-%02u", (unsigned)yg_period_year(p) % 10000u,
		(unsigned)yg_period_month(p) % 100u);
}

yg_period yg_period_add(yg_period p, int months)
{
	int idx = yg_period_year(p) * 12 + yg_period_month(p) - 1 + months;
	return (idx / 12) * 100 + idx % 12 + 1;
}

/* ---- dates: day numbers from the civil calendar (H. Hinnant's algorithm) ---- */

yg_date yg_date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void yg_date_to_ymd(yg_date z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int yg_date_parse(const char *s, yg_date *out)
{
	size_t n = s ? strlen(s) : 0;
	int y, m, d;

	if (n != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s, 4) ||
	    !all_digits(s + 5, 2) || !all_digits(s + 8, 2))
		return yg_fail(YG_EINVAL,
			"date \"%s\" is malformed; expected YYYY-MM-DD (e.g. 2026-03-15)", s ? s : "");
	y = digits_value(s, 4);
	m = digits_value(s + 5, 2);
	d = digits_value(s + 8, 2);
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return yg_fail(YG_EINVAL, "date \"%s\" does not exist", s);
	if (y * 10000 + m * 100 + d < 19491001 || y > 2099)
		return yg_fail(YG_EINVAL,
			"date \"%s\" is out of range (1949-10-01 to 2099-12-31)", s);
	*out = yg_date_from_ymd(y, m, d);
	return YG_OK;
}

int yg_date_parse_typed(const char *s, yg_date *out)
{
	size_t n = s ? strlen(s) : 0, i = 4, k;
	int part[2] = { 0, 0 };
	char iso[16], sep;

	/* 20261101: eight digits. */
	if (n == 8 && all_digits(s, 8)) {
		snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
		return yg_date_parse(iso, out);
	}
	/* 2026-11-1, 2026/11/1, 2026.11.1: one separator, month and day of one
	 * or two digits. */
	if (n < 8 || n > 10 || !all_digits(s, 4))
		goto bad;
	sep = s[4];
	if (sep != '-' && sep != '/' && sep != '.')
		goto bad;
	for (k = 0; k < 2; k++) {
		size_t start = ++i;

		while (i < n && s[i] >= '0' && s[i] <= '9')
			part[k] = part[k] * 10 + (s[i++] - '0');
		if (i - start < 1 || i - start > 2 || (k == 0 && (i >= n || s[i] != sep)))
			goto bad;
	}
	if (i != n)
		goto bad;
	snprintf(iso, sizeof iso, "%.4s-%02d-%02d", s, part[0], part[1]);
	return yg_date_parse(iso, out);
bad:
	return yg_fail(YG_EINVAL, "date \"%s\" is malformed; write 2026-11-01, 2026-11-1,"
		" 2026/11/1, 2026.11.1 or 20261101", s ? s : "");
}

void yg_date_format(yg_date dt, char buf[static 11])
{
	int y, m, d;
	yg_date_to_ymd(dt, &y, &m, &d);
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		(unsigned)d % 100u);
}

yg_date yg_period_first_day(yg_period p)
{
	return yg_date_from_ymd(yg_period_year(p), yg_period_month(p), 1);
}

yg_date yg_period_last_day(yg_period p)
{
	return yg_date_from_ymd(yg_period_year(p), yg_period_month(p), yg_period_days(p));
}

/* ---- numbers ---- */

/*
 * Copies s into buf without surrounding blanks, full-width digits, dot and
 * comma (what a Chinese input method types) made ASCII.  false when the
 * result would not fit: such input is too long to be a number anyway.
 */
static bool normalise_number(const char *s, char *buf, size_t cap)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;

	while (*p == ' ' || *p == '\t')
		p++;
	while (*p) {
		char c;
		if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
			c = (char)('0' + p[2] - 0x90); /* ０–９ */
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8E) {
			c = '.'; /* ． */
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) {
			c = ','; /* ， */
			p += 3;
		} else {
			c = (char)*p++;
		}
		if (n + 1 >= cap)
			return false;
		buf[n++] = c;
	}
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		n--;
	buf[n] = '\0';
	return true;
}

int yg_parse_count(const char *s, int64_t max, int64_t *out)
{
	char buf[32];
	int64_t v = 0;

	if (!normalise_number(s ? s : "", buf, sizeof buf))
		return yg_fail(YG_EINVAL, "number too long (at most %lld)",
			(long long)max);
	if (buf[0] == '\0')
		return yg_fail(YG_EINVAL, "enter a number");
	if (buf[0] == '-')
		return yg_fail(YG_EINVAL, "must not be negative");
	for (const char *p = buf; *p; p++) {
		if (*p < '0' || *p > '9')
			return yg_fail(YG_EINVAL,
				"\"%s\" is not a whole number; use digits 0-9 only", s);
		if (v > (max - (*p - '0')) / 10)
			return yg_fail(YG_EINVAL, "too large (at most %lld)",
				(long long)max);
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return YG_OK;
}

static int not_amount(const char *s)
{
	return yg_fail(YG_EINVAL,
		"\"%s\" is not an amount; write yuan with at most two decimals (e.g. 1,234.50)", s);
}

int yg_parse_fen(const char *s, int64_t max_fen, int64_t *out)
{
	char buf[40];
	const char *p = buf;
	int64_t yuan = 0, fen = 0;
	int decimals = 0, commas = 0, group = 0;
	bool digits = false, point = false;

	if (!normalise_number(s ? s : "", buf, sizeof buf))
		return yg_fail(YG_EINVAL, "amount too long");
	if (strncmp(p, "\xC2\xA5", 2) == 0) /* ¥ */
		p += 2;
	else if (strncmp(p, "\xEF\xBF\xA5", 3) == 0) /* ￥ */
		p += 3;
	if (*p == '\0')
		return yg_fail(YG_EINVAL, "enter an amount");
	if (*p == '-')
		return yg_fail(YG_EINVAL, "an amount must not be negative");
	for (; *p; p++) {
		if (*p == ',' && !point) {
			/* A thousands separator as Excel writes it, and only that:
			 * "12,34" is a typo, not 1234. */
			if (!digits || (commas ? group != 3 : group > 3))
				return not_amount(s);
			commas++;
			group = 0;
			continue;
		}
		if (*p == '.' && !point) {
			if (commas && group != 3)
				return not_amount(s);
			point = true;
			continue;
		}
		if (*p < '0' || *p > '9')
			return not_amount(s);
		digits = true;
		group++;
		if (point) {
			if (++decimals > 2)
				return yg_fail(YG_EINVAL,
					"an amount has at most two decimals (fen)");
			fen = fen * 10 + (*p - '0');
		} else {
			if (yuan > (max_fen / 100 - (*p - '0')) / 10)
				return yg_fail(YG_EINVAL, "amount too large");
			yuan = yuan * 10 + (*p - '0');
		}
	}
	if (!digits)
		return yg_fail(YG_EINVAL, "\"%s\" is not an amount", s);
	if (commas && !point && group != 3)
		return not_amount(s);
	if (decimals == 1)
		fen *= 10;
	if (yuan * 100 + fen > max_fen)
		return yg_fail(YG_EINVAL, "amount too large");
	*out = yuan * 100 + fen;
	return YG_OK;
}

void yg_format_fen(int64_t fen, char buf[static 24])
{
	const char *sign = fen < 0 ? "-" : "";
	uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	snprintf(buf, 24, "%s%llu.%02llu", sign, (unsigned long long)(a / 100),
		(unsigned long long)(a % 100));
}

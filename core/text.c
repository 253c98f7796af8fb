/*
 * text.c — what text may enter the database, and how text is shown on a
 * terminal.
 *
 * One rule for every text that comes in (screens, org import, import,
 * storedby, comments, explanations): valid UTF-8, no NUL, no C0 or C1
 * control, no bidi override or isolate, no zero-width character, a bounded
 * length.  Such characters make a name print differently from what it is
 * (U+202E turns "exe.txt" around), hide a difference between two codes, or
 * move a terminal's cursor; a county has no use for them.
 *
 * And one rule for every text that goes out to a terminal: whatever came
 * from a file or the database is escaped visibly (\x1b, <U+202E>), so an
 * old database or a hostile file cannot drive the reader's terminal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

size_t yg_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t k;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		c = s[0] & 0x1F;
		k = 2;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		c = s[0] & 0x0F;
		k = 3;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		c = s[0] & 0x07;
		k = 4;
	} else {
		return 0;
	}
	if (n < k)
		return 0;
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates, beyond Unicode */
	if ((k == 3 && c < 0x800) || (k == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return k;
}

/* Why c is refused; NULL when it is admitted. */
static const char *refused_why(uint32_t c, bool en)
{
	if (c == 0)
		return en ? "a NUL byte" : "NUL 字节";
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
		return en ? "a control character" : "控制字符";
	if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x061C)
		return en ? "a bidi control" : "双向文字控制符";
	if ((c >= 0x200B && c <= 0x200F) || c == 0xFEFF || c == 0x2060)
		return en ? "a zero-width character" : "零宽字符";
	if (c == 0x2028 || c == 0x2029)
		return en ? "a line separator" : "换行符";
	return NULL;
}

bool yg_char_refused(uint32_t c)
{
	return refused_why(c, true) != NULL;
}

int yg_text_admit(const char *str, size_t len, size_t max_chars, const char *field_zh,
	const char *field_en)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, chars = 0;

	if (!field_zh)
		field_zh = "文本";
	if (!field_en)
		field_en = "text";
	if (len > YG_TEXT_MAX_BYTES)
		return yg_fail(YG_EINVAL, "%.0s%s: too long (%zu bytes, at most %d)",
			field_zh, field_en, len, YG_TEXT_MAX_BYTES);
	while (i < len) {
		uint32_t c;
		size_t k = yg_utf8_decode(s + i, len - i, &c);
		char zh[160], en[160];

		chars++;
		if (!k) {
			snprintf(zh, sizeof zh, "%s:第 %zu 个字符不是有效的 UTF-8(字节 0x%02X);"
				"GB18030 文件请用 --encoding gb18030", field_zh, chars, s[i]);
			snprintf(en, sizeof en, "%s: character %zu is not valid UTF-8 (byte 0x%02X);"
				" for a GB18030 file use --encoding gb18030", field_en, chars, s[i]);
			return yg_fail_raw(YG_EINVAL, zh, en);
		}
		if (refused_why(c, false)) {
			snprintf(zh, sizeof zh, "%s:第 %zu 个字符 U+%04X 是%s,不允许", field_zh, chars,
				(unsigned)c, refused_why(c, false));
			snprintf(en, sizeof en, "%s: character %zu, U+%04X, is %s and not allowed",
				field_en, chars, (unsigned)c, refused_why(c, true));
			return yg_fail_raw(YG_EINVAL, zh, en);
		}
		i += k;
	}
	if (max_chars && chars > max_chars)
		return yg_fail(YG_EINVAL,
			"%.0s%s: at most %zu characters, this has %zu", field_zh, field_en,
			max_chars, chars);
	return YG_OK;
}

char *yg_text_escape(const char *str, size_t len, bool keep_nl)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t i = 0, o = 0, cap;
	char *out;

	if (len == (size_t)-1)
		len = strlen((const char *)s);
	/* "<U+10FFFF>" is the longest a byte or character grows to: 10 bytes */
	if (len > (SIZE_MAX - 1) / 10 || !(out = malloc(cap = len * 10 + 1)))
		return NULL;
	while (i < len) {
		uint32_t c;
		size_t k = yg_utf8_decode(s + i, len - i, &c);

		if (!k) {
			o += (size_t)snprintf(out + o, cap - o, "\\x%02x", s[i]);
			i++;
			continue;
		}
		if (c == '\n' && keep_nl) {
			out[o++] = '\n';
		} else if (c < 0x20 || c == 0x7F) {
			o += (size_t)snprintf(out + o, cap - o, "\\x%02x", (unsigned)c);
		} else if (yg_char_refused(c)) {
			o += (size_t)snprintf(out + o, cap - o, "<U+%04X>", (unsigned)c);
		} else {
			memcpy(out + o, s + i, k);
			o += k;
		}
		i += k;
	}
	out[o] = '\0';
	return out;
}

#!/usr/bin/env python3
"""msgcat-convert.py — turns the inline message pairs into the catalogue.

Run from anywhere inside the tree (or pass the tree's top directory):

    python3 tools/msgcat-convert.py [TOP]

It rewrites, in core/ forms/ cli/ tui/ pdf/ tests/:

  YG_L("中文", "English")                -> _("English")
  yg_fail(code, "中文 %s", "English %s", a) -> yg_fail(code, "English %s", a)
  and the other functions of PAIR_CALLS below likewise,

and writes po/yigong.pot (xgettext through po/xgettext.sh) and po/zh_CN.po
(msgid the English, msgstr the Chinese, with the pot's #: references and
flags).  Translations already in po/zh_CN.po are kept, so a second run
changes nothing, and a run on a tree where new pairs were written converts
just those.

What it does not convert, it says:
  * a pair it cannot read (a macro in the middle of a literal, one literal
    and one expression, ternaries with different conditions): an ERROR, the
    run fails and writes nothing; fix that call by hand and run again;
  * the same English with two different Chinese texts: an ERROR too (the
    compiled-in catalogue has no msgctxt); make the English say what differs,
    or make the Chinese agree, then run again;
  * a function that still takes a zh_fmt/en_fmt pair but is not in
    PAIR_CALLS: an ERROR; add it to PAIR_CALLS (which argument is the
    Chinese, and whether it translates at the call (_) or keeps every
    language itself ('' plus a keyword in po/xgettext.sh));
  * pairs that are data rather than messages (struct fields such as
    .zh/.en, where_zh/where_en, and the functions that take a label pair):
    left as they are, counted in the report; YG_L(a->zh, a->en) keeps
    choosing between such data.

Hand edits the conversion needs (the language API in core/yigong.h,
core/error.c keeping the last failure in every language) are in HAND_EDITS
and ERROR_C: each must find exactly the text it replaces, or finds its
result already there; anything else is an ERROR.
"""
import codecs
import os
import re
import subprocess
import sys
import tempfile

DIRS = ('core', 'forms', 'cli', 'tui', 'pdf', 'tests')

# name -> (index of the Chinese argument, wrapper for the English).
# Wrapper '_': the function uses the text at once, so the call translates
# it (the compiler checks the format inside _() through format_arg).
# Wrapper '': the function keeps the message in every language, so it
# translates itself; po/xgettext.sh names it as a keyword.
# A name may be limited to one file: "file:name".
PAIR_CALLS = {
    'YG_L': (0, '_'),
    'yg_fail': (1, ''),
    'yg_findings_add': (4, ''),
    'core/form.c:field_msg': (1, ''),
    'forms/sentdown.c:say_dates': (3, ''),
    'cmd_error': (0, '_'),
    'cmd_usage': (1, '_'),
    'cmd_summary': (1, '_'),
    'core/csv_import.c:refuse': (2, '_'),
    'core/csv_records.c:bad': (2, '_'),
    'tui/cmd-org.c:problem': (2, '_'),
    'core/org_import.c:problem': (2, '_'),
}

# The definitions of the pair functions: one format instead of two.
DEF_REWRITES = [
    (re.compile(r'const char \*zh_fmt,\s*const char \*en_fmt'), 'const char *fmt'),
    (re.compile(r'va_start\(ap, en_fmt\)'), 'va_start(ap, fmt)'),
    (re.compile(r'YG_L\(zh_fmt, en_fmt\)'), 'fmt'),
    (re.compile(r'yg_vasprintf\(zh_fmt, ap\)'), 'yg_vasprintf(yg_gettext_in(YG_ZH, fmt), ap)'),
    (re.compile(r'yg_vasprintf\(en_fmt, ap\)'), 'yg_vasprintf(fmt, ap)'),
    (re.compile(r'\bzh_fmt, en_fmt\b'), 'fmt'),
]
ATTR_RE = re.compile(r'format\(printf, (\d+), 0\), format\(printf, (\d+), (\d+)\)')

YIGONG_H_FAIL_OLD = '''/* Sets the message of the last failure, in both languages, and returns code.
 * Both formats are applied to the SAME argument list: pass only values that
 * read the same in both languages (numbers, codes, user text). 
 * For use by code built on the core (forms, commands) so that their failures
 * read the same way. */
int yg_fail(int code, const char *zh_fmt, const char *en_fmt, ...)
	__attribute__((format(printf, 2, 0), format(printf, 3, 4)));
'''
YIGONG_H_FAIL_NEW = '''/* Sets the message of the last failure and returns code.  fmt is English
 * and marked for translation (po/xgettext.sh: yg_fail:2); the message is
 * formatted at once in every language of the catalogue, from the SAME
 * arguments: pass only values that read the same in every language
 * (numbers, codes, user text).  For use by code built on the core (forms,
 * commands) so that their failures read the same way.
 *
 * Thread rule: the last failure is one per process, not per thread, and
 * not locked (nor is the current language): yg_fail, yg_errmsg and
 * yg_set_lang are not thread-safe.  A program that calls the core from
 * several threads serialises the calls; one thread's failure replaces
 * another's message. */
int yg_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
'''
YIGONG_H_LANG_OLD = '''enum yg_lang { YG_ZH = 0, YG_EN = 1 };
void yg_set_lang(enum yg_lang lang);
enum yg_lang yg_get_lang(void);
/* Picks one of two literals by the current language. */
#define YG_L(zh, en) (yg_get_lang() == YG_EN ? (en) : (zh))
/* Parses "zh" or "en"; -1 for anything else. */
int yg_lang_parse(const char *s);
'''
YIGONG_H_LANG_NEW = '''#include "i18n.h"
/* A language is an index into the message catalogue (i18n.h): English, the
 * source, is 0; the po files of po/LINGUAS follow, zh_CN first.  Any other
 * index below yg_lang_count() is a language too. */
enum yg_lang { YG_EN = 0, YG_ZH = 1 };
void yg_set_lang(enum yg_lang lang);
enum yg_lang yg_get_lang(void);
/* Parses a language the catalogue has: "zh", "en", "zh_CN.UTF-8"...;
 * -1 for anything else. */
int yg_lang_parse(const char *s);
/* Messages are written in English.  _("...") is the message in the current
 * language (the English when the language does not translate it); N_("...")
 * only marks a message in a static table, translated where it is shown.
 * po/zh_CN.po holds the Chinese; README "Translating" says how to add a
 * language. */
const char *yg_gettext(const char *msgid) __attribute__((format_arg(1)));
#define _(msgid) yg_gettext(msgid)
#define N_(msgid) msgid
/* The same with a context, for an English that reads differently in
 * another language in different places (msgctxt in the po files). */
#define C_(ctx, msgid) yg_gettext(NC_(ctx, msgid))
#define NC_(ctx, msgid) ctx "\\004" msgid
/* Picks one of two texts that come as data in Chinese and English (a
 * form's labels, marked N_ for the catalogue): the Chinese in Chinese,
 * else the English in the current language. */
#define YG_L(zh, en) (yg_get_lang() == YG_ZH ? (zh) : yg_gettext(en))
'''

# (file, old, new): exact text; applied before the calls are converted.
HAND_EDITS = [
    ('core/yigong.h', YIGONG_H_FAIL_OLD, YIGONG_H_FAIL_NEW),
    ('core/yigong.h', YIGONG_H_LANG_OLD, YIGONG_H_LANG_NEW),
    # A macro inside the literal would hide the message from xgettext and
    # from the catalogue's lookup: the limit becomes an argument.
    ('core/text.c',
     '''		return yg_fail(YG_EINVAL, "%s%.0s:过长(%zu 字节,最多 " YG_STR(YG_TEXT_MAX_BYTES) ")",
			"%.0s%s: too long (%zu bytes, at most " YG_STR(YG_TEXT_MAX_BYTES) ")",
			field_zh, field_en, len);''',
     '''		return yg_fail(YG_EINVAL, "%s%.0s:过长(%zu 字节,最多 %d)",
			"%.0s%s: too long (%zu bytes, at most %d)",
			field_zh, field_en, len, YG_TEXT_MAX_BYTES);''',
     '"%.0s%s: too long (%zu bytes, at most %d)"'),
    # The Chinese skipped the second argument by ending early; msgfmt wants
    # every translation to take the same arguments.
    ('core/form.c',
     '''	field_msg(f, "%s", "%.0s%s", zh ? zh : "", en ? en : "");''',
     '''	field_msg(f, "%s%.0s", "%.0s%s", zh ? zh : "", en ? en : "");''',
     '''	field_msg(f, "%.0s%s", zh ? zh : "", en ? en : "");'''),
    ('cli/cmdopt.h',
     ''' * "2 months").  Chinese takes no plural: its format skips the noun with
 * %.0s. */''',
     ''' * "2 months").  Chinese takes no plural: its translation skips the noun
 * with %.0s. */'''),
]

ERROR_C_OLD_START = '''/*
 * error.c — the last failure's message, kept in both languages so that a
 * language switch after the failure still reads right.
 */'''
ERROR_C = r'''/*
 * error.c — the current language, and the last failure's message, kept in
 * every language of the catalogue so that a language switch after the
 * failure still reads right.
 *
 * Both are per process and unlocked: not thread-safe (see yg_fail in
 * yigong.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static char *last[YG_LANG_MAX];
static enum yg_lang current_lang = YG_ZH;

void yg_set_lang(enum yg_lang lang)
{
	if ((int)lang >= 0 && (int)lang < yg_lang_count())
		current_lang = lang;
}

enum yg_lang yg_get_lang(void)
{
	return current_lang;
}

int yg_lang_parse(const char *s)
{
	return yg_lang_find(s);
}

const char *yg_gettext(const char *msgid)
{
	return yg_gettext_in((int)current_lang, msgid);
}

const char *yg_errmsg(void)
{
	return yg_errmsg_lang(current_lang);
}

/* Replaces the kept messages with msg[0..yg_lang_count()). */
static void keep(char **msg)
{
	for (int l = 0; l < YG_LANG_MAX; l++) {
		free(last[l]);
		last[l] = l < yg_lang_count() ? msg[l] : NULL;
	}
}

int yg_fail(int code, const char *fmt, ...)
{
	char *msg[YG_LANG_MAX] = { 0 };
	va_list ap;

	/* Every translation takes the same arguments (msgfmt --check-format
	 * holds the po files to it), so one list serves each language. */
	for (int l = 0; l < yg_lang_count(); l++) {
		va_start(ap, fmt);
		msg[l] = yg_vasprintf(yg_gettext_in(l, fmt), ap);
		va_end(ap);
	}
	keep(msg);
	return code;
}

int yg_fail_raw(int code, const char *zh, const char *en)
{
	char *msg[YG_LANG_MAX] = { 0 };

	/* Built by hand in Chinese and English: the other languages read the
	 * English. */
	for (int l = 0; l < yg_lang_count(); l++)
		msg[l] = yg_strdup(l == YG_ZH ? zh : en);
	keep(msg);
	return code;
}

const char *yg_errmsg_lang(enum yg_lang lang)
{
	const char *m = (int)lang >= 0 && (int)lang < YG_LANG_MAX ? last[lang] : NULL;
	return m ? m : "";
}
'''

CJK = re.compile('[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2e80-\u2fff\u201c\u201d]')

errors = []
notes = []


def err(where, msg):
    errors.append('%s: %s' % (where, msg))


# ---------------------------------------------------------------- lexing

TOKEN_RE = re.compile(r'''
    (?P<ws>\s+|\\\n)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<str>(?:u8|u|U|L)?"(?:[^"\\\n]|\\.)*")
  | (?P<chr>(?:u8|u|U|L)?'(?:[^'\\\n]|\\.)*')
  | (?P<id>[A-Za-z_]\w*)
  | (?P<num>\.?\d(?:[eEpP][+-]|[\w.])*)
  | (?P<punct>->|\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^!~=<>?:;,.(){}\[\]#\\@$`])
''', re.S | re.X)


class Tok:
    __slots__ = ('kind', 'text', 'start', 'end')

    def __init__(self, kind, text, start, end):
        self.kind, self.text, self.start, self.end = kind, text, start, end


def lex(src, path):
    toks = []
    pos = 0
    n = len(src)
    while pos < n:
        m = TOKEN_RE.match(src, pos)
        if not m:
            err('%s:%d' % (path, src.count('\n', 0, pos) + 1), 'cannot read %r' % src[pos:pos + 20])
            pos += 1
            continue
        kind = m.lastgroup
        if kind not in ('ws', 'comment'):
            toks.append(Tok(kind, m.group(), m.start(), m.end()))
        pos = m.end()
    return toks


def line_of(src, pos):
    return src.count('\n', 0, pos) + 1


def call_args(toks, i):
    """toks[i] is '('; returns ([(first, last) token index per arg], index of ')')."""
    depth = 0
    args = []
    start = i + 1
    for j in range(i, len(toks)):
        t = toks[j].text
        if toks[j].kind != 'punct':
            continue
        if t in '([{':
            depth += 1
        elif t in ')]}':
            depth -= 1
            if depth == 0:
                if j > start or args:
                    args.append((start, j - 1))
                return args, j
        elif t == ',' and depth == 1:
            args.append((start, j - 1))
            start = j + 1
    return None, None


# ---------------------------------------------------------------- strings

def literal_value(raw_parts):
    r"""The text of adjacent C literals, as Python str."""
    out = b''
    for r in raw_parts:
        body = r[r.index('"') + 1:-1]
        # \n, \x41, \101 by escape_decode; \u2264 (a C universal name) first.
        body = re.sub(r'(?<!\\)((?:\\\\)*)\\u([0-9a-fA-F]{4})',
                      lambda m: m.group(1) + chr(int(m.group(2), 16)), body)
        out += codecs.escape_decode(body.encode('utf-8'))[0]
    return out.decode('utf-8')


PRI_RE = re.compile(r'^PRI[diouxX](?:8|16|32|64|MAX|PTR|LEAST8|LEAST16|LEAST32|LEAST64|'
                    r'FAST8|FAST16|FAST32|FAST64)$')


def analyse(toks, a, b):
    """An argument toks[a..b]: ('lit', value, a, b) | ('tern', cond, x, y) | ('other',).

    A literal may hold <inttypes.h> macros between its parts ("%" PRId64):
    its value names them as xgettext does ("%<PRId64>")."""
    if a > b:
        return ('other',)
    if toks[a].kind == 'str' and all(
            toks[k].kind == 'str' or toks[k].kind == 'id' and PRI_RE.match(toks[k].text)
            for k in range(a, b + 1)):
        if any(toks[k].kind == 'str' and not toks[k].text.startswith('"') for k in range(a, b + 1)):
            return ('other',)
        value = ''
        for k in range(a, b + 1):
            if toks[k].kind == 'id':
                value += '<%s>' % toks[k].text
            else:
                value += literal_value([toks[k].text])
        return ('lit', value, a, b)
    # (expr)
    if toks[a].text == '(' and toks[b].text == ')':
        args, close = call_args(toks, a)
        if close == b and args and len(args) == 1:
            inner = analyse(toks, a + 1, b - 1)
            if inner[0] != 'other':
                return inner
    # cond ? x : y at the top level
    depth = 0
    q = None
    nest = 0
    for k in range(a, b + 1):
        t = toks[k]
        if t.kind != 'punct':
            continue
        if t.text in '([{':
            depth += 1
        elif t.text in ')]}':
            depth -= 1
        elif depth == 0 and t.text == '?':
            if q is None:
                q = k
            else:
                nest += 1
        elif depth == 0 and t.text == ':' and q is not None:
            if nest:
                nest -= 1
                continue
            x = analyse(toks, q + 1, k - 1)
            y = analyse(toks, k + 1, b)
            if x[0] == 'other' or y[0] == 'other':
                return ('other',)
            cond = ' '.join(toks[m].text for m in range(a, q))
            return ('tern', cond, x, y, a, q)
    return ('other',)


DIRECTIVE_RE = re.compile(r"%(?:(\d+)\$)?[-+ #0']*(\*|\d+)?(?:\.(\*|\d*))?"
                          r"(?:hh|h|ll|l|L|z|j|t|q)?([diouxXeEfgGaAcspn%])")


def fmt_args(s):
    """How many arguments the printf format s takes."""
    s = re.sub(r'<PRI\w+>', 'd', s)
    n = top = 0
    for m in DIRECTIVE_RE.finditer(s):
        if m.group(4) == '%':
            continue
        if m.group(1):
            top = max(top, int(m.group(1)))
            continue
        n += 1 + (m.group(2) == '*') + (m.group(3) == '*')
    return max(n, top)


def c_source(src, toks, a, b):
    return src[toks[a].start:toks[b].end]


class Catalogue:
    """(context, English) -> Chinese.

    The same English with another Chinese gets a context (msgctxt): the
    name of the file that says it ("ui-admin"), then "ui-admin 2"... in the
    order the files are read; translations already in po/zh_CN.po come
    first, so that a later run makes the same choices."""
    def __init__(self):
        self.zh = {}     # (ctx, English) -> Chinese
        self.where = {}  # (ctx, English) -> first place seen
        self.contexts = 0

    def add(self, en, zh, where):
        path = where.rsplit(':', 1)[0]
        stem = os.path.splitext(os.path.basename(path))[0]
        for ctx in [None] + [stem] + ['%s %d' % (stem, n) for n in range(2, 20)]:
            have = self.zh.get((ctx, en))
            if have is None:
                self.zh[(ctx, en)] = zh
                self.where[(ctx, en)] = where
                if ctx is not None:
                    self.contexts += 1
                    notes.append('%s: %r is %r here, so it has the context %r' % (where, en, zh, ctx))
                return ctx
            if have == zh:
                return ctx
        err(where, 'too many translations of %r' % en)
        return None


def render_pair(src, toks, zh, en, wrap, where, cat, top=True):
    """The English replacement for a (zh, en) pair, or None."""
    if zh[0] == 'lit' and en[0] == 'lit':
        if en[1] == '':
            # No msgid can be empty (gettext keeps "" for the header).
            notes.append('%s: left a pair whose English is empty' % where)
            return 'keep'
        if CJK.search(en[1]) and not CJK.search(zh[1]):
            err(where, 'the pair is the wrong way round: %r, %r' % (zh[1], en[1]))
            return None
        ctx = cat.add(en[1], zh[1], where)
        text = c_source(src, toks, en[2], en[3])
        if ctx is not None:
            # C_ translates with a context; NC_ only marks (the function
            # translates).  Both are in po/xgettext.sh.
            return '%s("%s", %s)' % ('C_' if wrap == '_' else 'NC_', po_escape(ctx), text)
        return '%s(%s)' % (wrap, text) if wrap else text
    if zh[0] == 'tern' and en[0] == 'tern':
        if zh[1] != en[1]:
            err(where, 'a ternary pair with different conditions')
            return None
        x = render_pair(src, toks, zh[2], en[2], wrap or 'N_', where, cat, False)
        y = render_pair(src, toks, zh[3], en[3], wrap or 'N_', where, cat, False)
        if x is None or y is None or 'keep' in (x, y):
            return None if None in (x, y) else 'keep'
        cond = c_source(src, toks, en[4], en[5] - 1)
        inner = '%s ? %s : %s' % (cond, x, y)
        return '(%s)' % inner if top and wrap else inner
    return None


def is_macro_literal(toks, a, b):
    """String literals and macros only ("a " YG_CONF_PATH " b")."""
    return toks[a].kind == 'str' and all(
        toks[k].kind in ('str', 'id') or toks[k].text in '()' for k in range(a, b + 1)) and any(
        toks[k].kind == 'id' and not PRI_RE.match(toks[k].text) for k in range(a, b + 1))


def is_data_arg(toks, a, b):
    """A pair argument that is data (a->zh, f.en, what_zh): not a literal."""
    return not any(toks[k].kind == 'str' for k in range(a, b + 1))


WIDTH = 100


def too_long(src, s0, e0, new):
    """Would replacing src[s0:e0] with new make its line wider than WIDTH?"""
    start = src.rfind('\n', 0, s0) + 1
    end = src.find('\n', e0)
    end = len(src) if end < 0 else end
    line = src[start:s0] + new + src[e0:end]
    return len(line.split('\n')[0].expandtabs(8)) > WIDTH


def convert_file(path, src, cat, stats):
    toks = lex(src, path)
    edits = []  # (start, end, text)
    i = 0
    while i < len(toks):
        t = toks[i]
        spec = None
        if t.kind == 'id' and i + 1 < len(toks) and toks[i + 1].text == '(':
            spec = PAIR_CALLS.get('%s:%s' % (path, t.text)) or PAIR_CALLS.get(t.text)
            # Not a declaration or definition: those follow a type.
            prev = toks[i - 1] if i else None
            if prev is not None and (prev.kind == 'id' and prev.text not in ('return', 'case', 'else')
                                     or prev.text == '*' and i >= 2 and toks[i - 2].kind == 'id'
                                     and toks[i - 2].text != 'return'):
                spec = None
            if prev is not None and prev.text == '#' or (i >= 2 and toks[i - 2].text == '#'
                                                         and toks[i - 1].text == 'define'):
                spec = None
        if spec is None:
            i += 1
            continue
        zi, wrap = spec
        args, close = call_args(toks, i + 1)
        where = '%s:%d' % (path, line_of(src, t.start))
        if args is None:
            err(where, 'unbalanced call of %s' % t.text)
            i += 1
            continue
        if len(args) < zi + 2:
            # Already converted (one format), or not a pair call.
            i += 1
            continue
        (za, zb), (ea, eb) = args[zi], args[zi + 1]
        zh = analyse(toks, za, zb)
        en = analyse(toks, ea, eb)
        zh_text = c_source(src, toks, za, zb)
        en_text = c_source(src, toks, ea, eb)
        if t.text != 'YG_L' and toks[za].kind == 'id' and toks[za].text in (
                'YG_L', '_', 'C_', 'N_', 'NC_') and toks[za + 1].text == '(':
            i += 1  # one format, picked or translated already
            continue
        if t.text != 'YG_L' and not CJK.search(zh_text) and not (
                zh[0] == 'lit' and en[0] == 'lit'
                and fmt_args(zh[1]) == fmt_args(en[1]) == len(args) - zi - 2):
            # One format and its arguments: converted already, or never a pair.
            i += 1
            continue
        if wrap == '_' and t.text != 'YG_L' and is_macro_literal(toks, za, zb) \
                and is_macro_literal(toks, ea, eb):
            # A literal built with a macro (a path, YG_STR(...)) cannot be a
            # msgid: the call picks the language as before, and it is said.
            edits.append((toks[za].start, toks[eb].end, 'YG_L(%s, %s)' % (zh_text, en_text)))
            notes.append('%s: left %s(YG_L(...)): a macro inside the literal' % (where, t.text))
            i += 2
            continue
        if zh[0] == 'other' and en[0] == 'other':
            if t.text == 'YG_L' and is_data_arg(toks, za, zb) and is_data_arg(toks, ea, eb):
                stats['data YG_L'] = stats.get('data YG_L', 0) + 1
            elif t.text == 'YG_L' and CJK.search(zh_text):
                # A literal built with a macro (YG_STR(...), a path): the
                # catalogue cannot key it; it stays a pair, and is said.
                notes.append('%s: left YG_L(%s, ...): a macro inside the literal' %
                             (where, ' '.join(zh_text.split())[:50]))
            elif t.text != 'YG_L' and (zh_text == en_text or en_text == 'NULL'):
                pass  # one format already, followed by arguments
            elif t.text != 'YG_L' and not CJK.search(zh_text) and zh[0] == 'other':
                pass  # arguments, not a pair
            else:
                err(where, 'cannot convert %s(%s, %s)' % (t.text, zh_text, en_text))
            i += 1
            continue
        if t.text != 'YG_L' and zh[0] == 'lit' and not CJK.search(zh[1]) and en[0] != 'lit':
            i += 1  # a single English format followed by arguments
            continue
        if t.text != 'YG_L' and zh[0] == 'lit' and en[0] == 'lit' and not CJK.search(zh[1]) \
                and not CJK.search(en[1]) and ('%' in zh[1]) != ('%' in en[1]):
            i += 1
            continue
        new = render_pair(src, toks, zh, en, wrap, where, cat)
        if new == 'keep':
            i += 2
            continue
        if new is None:
            if not any(e.startswith(where) for e in errors):
                err(where, 'cannot convert %s(%s, %s)' % (t.text, zh_text, en_text))
            i += 1
            continue
        # The English keeps the line it had when joining would make the
        # line too long.
        ws_en = src[toks[ea - 1].end:toks[ea].start]
        if t.text == 'YG_L':
            s0, e0 = t.start, toks[close].end
            if '\n' in ws_en and too_long(src, s0, e0, new):
                while s0 > 0 and src[s0 - 1] in ' \t':
                    s0 -= 1
                if src[s0 - 1] != '\n':
                    new = ws_en + new
                else:
                    s0 = t.start
            edits.append((s0, e0, new))
        else:
            s0, e0 = toks[za].start, toks[eb].end
            if '\n' in ws_en and too_long(src, s0, e0, new):
                s0 = toks[za - 1].end
                new = ws_en + new
            edits.append((s0, e0, new))
        stats[t.text] = stats.get(t.text, 0) + 1
        # Continue inside the arguments (a YG_L within a yg_fail call).
        i += 2
        continue
    # Nested edits: keep the outer one but redo its inside later (a second
    # pass handles what the first could not nest).
    edits.sort()
    out = []
    last = 0
    nested = False
    for s, e, text in edits:
        if s < last:
            nested = True
            continue
        out.append(src[last:s])
        out.append(text)
        last = e
    out.append(src[last:])
    return ''.join(out), nested


def rewrite_definitions(path, src):
    for rx, rep in DEF_REWRITES:
        src = rx.sub(rep, src)

    def attr(m):
        a, b, c = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if b != a + 1:
            return m.group(0)
        return 'format(printf, %d, %d)' % (a, c - 1 if c else 0)
    src = ATTR_RE.sub(attr, src)
    for m in re.finditer(r'\b(zh_fmt|en_fmt)\b', src):
        err('%s:%d' % (path, line_of(src, m.start())),
            'a function still takes a zh_fmt/en_fmt pair: add it to PAIR_CALLS and DEF_REWRITES')
    return src


def literal_run(toks, k):
    """The end index of the literal expression starting at toks[k] ("a" "b" PRId64), or None."""
    if toks[k].kind != 'str' or not toks[k].text.startswith('"'):
        return None
    e = k
    while e + 1 < len(toks) and (toks[e + 1].kind == 'str' and toks[e + 1].text.startswith('"')
                                 or toks[e + 1].kind == 'id' and PRI_RE.match(toks[e + 1].text)):
        e += 1
    return e


def mark_data_pairs(path, src, cat, stats):
    """Marks with N_() the English of the pairs that are data, not calls of
    PAIR_CALLS: a form's labels (.zh = "..", .en = ".."; .where_zh/.where_en
    and the like) and the label pairs passed to functions and macros
    ("审核", "review").  YG_L keeps choosing between them, and translates
    the English for any language but Chinese, so a third language
    translates them too.  Their Chinese goes into the catalogue unless the
    English has another there already (the Chinese in the source is what
    Chinese shows).  Test files are left alone."""
    if path.startswith('tests/'):
        return src
    toks = lex(src, path)
    edits = []
    k = 0
    while k < len(toks):
        e_zh = literal_run(toks, k)
        if e_zh is None:
            k += 1
            continue
        before = toks[k - 1].text if k else ''
        j = e_zh + 1
        field = None
        if before == '=' and k >= 3 and toks[k - 3].text == '.' and toks[k - 2].text.endswith('zh'):
            field = toks[k - 2].text
        if j >= len(toks) or toks[j].text != ',' or before not in ('(', ',', '{', '='):
            k = e_zh + 1
            continue
        j += 1
        if field is not None:
            want = field[:-2] + 'en'
            if not (j + 2 < len(toks) and toks[j].text == '.' and toks[j + 1].text == want
                    and toks[j + 2].text == '='):
                k = e_zh + 1
                continue
            j += 3
        elif before == '=':
            k = e_zh + 1
            continue
        e_en = literal_run(toks, j) if j < len(toks) else None
        if e_en is None or e_en + 1 >= len(toks) or toks[e_en + 1].text not in (',', '}', ')'):
            k = e_zh + 1
            continue
        zh = literal_value([toks[m].text for m in range(k, e_zh + 1) if toks[m].kind == 'str'])
        en = ''.join('<%s>' % toks[m].text if toks[m].kind == 'id' else literal_value([toks[m].text])
                     for m in range(j, e_en + 1))
        if any(toks[m].kind == 'id' for m in range(k, e_zh + 1)) or not CJK.search(zh) \
                or CJK.search(en) or not en.strip():
            k = e_zh + 1
            continue
        where = '%s:%d' % (path, line_of(src, toks[k].start))
        if (None, en) not in cat.zh:
            cat.zh[(None, en)] = zh
            cat.where[(None, en)] = where
        # A label is no format: "≥ 20% of" would read to xgettext as "% o".
        flag = '/* xgettext:no-c-format */ ' if '%' in en else ''
        edits.append((toks[j].start, toks[e_en].end,
                      '%sN_(%s)' % (flag, src[toks[j].start:toks[e_en].end])))
        stats['data pairs marked N_'] = stats.get('data pairs marked N_', 0) + 1
        k = e_en + 1
    for s0, e0, text in reversed(edits):
        src = src[:s0] + text + src[e0:]
    return src


def leftover_pairs(path, src, stats):
    """Counts adjacent (Chinese, English) literals that remain: data pairs."""
    toks = lex(src, path)
    for k in range(len(toks) - 2):
        a, c, b = toks[k], toks[k + 1], toks[k + 2]
        if a.kind == 'str' and c.text == ',' and b.kind == 'str' and CJK.search(a.text) \
                and not CJK.search(b.text):
            stats.setdefault('left', {}).setdefault(path, 0)
            stats['left'][path] += 1


# ---------------------------------------------------------------- po files

def po_unescape(s):
    return codecs.escape_decode(s.encode('utf-8'))[0].decode('utf-8')


def po_escape(s):
    return (s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')
            .replace('\t', '\\t'))


def read_po(path):
    """[(comments, msgctxt or None, msgid, msgstr, fuzzy)] of a po/pot file, header first."""
    entries = []
    if not os.path.exists(path):
        return entries
    e = {}

    def flush():
        nonlocal e
        if e.get('state') == 'str':
            entries.append((e['comments'], None if e.get('ctx') is None else po_unescape(e['ctx']),
                            po_unescape(e['id']), po_unescape(e['str']),
                            any(c.startswith('#,') and 'fuzzy' in c for c in e['comments'])))
        e = {'comments': []}
    flush()
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('#~'):
                continue
            if line.startswith('#'):
                if e.get('state') == 'str':
                    flush()
                e['comments'].append(line)
            elif line.startswith('msgctxt '):
                if e.get('state') == 'str':
                    flush()
                e['state'], e['ctx'] = 'ctx', line[9:-1]
            elif line.startswith('msgid '):
                if e.get('state') == 'str':
                    flush()
                e['state'], e['id'] = 'id', line[7:-1]
            elif line.startswith('msgstr '):
                e['state'], e['str'] = 'str', line[8:-1]
            elif line.startswith('"'):
                e[e['state']] += line[1:-1]
            elif not line.strip():
                flush()
            else:
                err(path, 'cannot read po line %r' % line)
        flush()
    return entries


def load_po(po, cat):
    """Puts the translations of po into cat; returns the po's header."""
    header = None
    for comments, ctx, mid, mstr, fuzzy in read_po(po):
        if mid == '' and ctx is None:
            header = (comments, mstr)
        elif mstr and not fuzzy:
            cat.zh[(ctx, mid)] = mstr
            cat.where[(ctx, mid)] = po
    return header


def make_po(tree, header, cat):
    """(pot text, po text) for the converted sources in tree."""
    pot = os.path.join(tree, 'po', 'yigong.pot')
    subprocess.run([os.path.join(tree, 'po', 'xgettext.sh'), tree, pot], check=True)
    lines = []
    if header:
        lines += header[0]
        lines.append('msgid ""')
        lines.append('msgstr ""')
        for part in header[1].split('\n'):
            if part:
                lines.append('"%s\\n"' % po_escape(part))
    else:
        lines += ['# Chinese (simplified) messages of yigong.', 'msgid ""', 'msgstr ""',
                  '"Project-Id-Version: yigong\\n"', '"Language: zh_CN\\n"',
                  '"MIME-Version: 1.0\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"',
                  '"Content-Transfer-Encoding: 8bit\\n"']
    extracted = set()
    for comments, ctx, mid, _, _ in read_po(pot):
        if mid == '' and ctx is None:
            continue
        extracted.add((ctx, mid))
        if (ctx, mid) not in cat.zh:
            err('po/zh_CN.po', 'no Chinese for %r (marked by hand? translate it in po/zh_CN.po)'
                % mid)
            continue
        lines.append('')
        lines += [c for c in comments if not (c.startswith('#,') and 'fuzzy' in c)]
        if ctx is not None:
            lines.append('msgctxt "%s"' % po_escape(ctx))
        lines.append('msgid "%s"' % po_escape(mid))
        lines.append('msgstr "%s"' % po_escape(cat.zh[(ctx, mid)]))
    for key in cat.zh:
        if key not in extracted and cat.where[key] != 'po':
            if not cat.where[key].endswith('.po'):
                err(cat.where[key], 'xgettext did not extract %r: is its function a keyword in '
                    'po/xgettext.sh?' % (key[1],))
    with open(pot, encoding='utf-8') as f:
        pot_text = f.read()
    return pot_text, '\n'.join(lines) + '\n'


# ---------------------------------------------------------------- main

def main():
    top = sys.argv[1] if len(sys.argv) > 1 else subprocess.run(
        ['git', 'rev-parse', '--show-toplevel'], capture_output=True, text=True,
        check=True).stdout.strip()
    os.chdir(top)
    top = os.getcwd()
    files = {}
    for d in DIRS:
        for dirpath, _, names in os.walk(d):
            for n in sorted(names):
                if n.endswith(('.c', '.h')):
                    p = os.path.join(dirpath, n)
                    with open(p, encoding='utf-8') as f:
                        files[p] = f.read()
    new = dict(files)

    for edit in HAND_EDITS:
        path, old, rep = edit[:3]
        done = edit[3] if len(edit) > 3 else rep
        s = new.get(path)
        if s is None or (old not in s and done not in s):
            # Moved to another file since (a header split): find it there.
            hits = [p for p in sorted(new) if new[p].count(old) == 1 or done in new[p]]
            if len(hits) == 1:
                path = hits[0]
                s = new[path]
        if s is None:
            err(path, 'missing')
        elif s.count(old) == 1:
            new[path] = s.replace(old, rep)
        elif done in s:
            pass
        else:
            err(path, 'hand edit does not apply: the text it replaces changed:\n%s' % old)
    s = new.get('core/error.c', '')
    if s != ERROR_C:
        if not s.startswith(ERROR_C_OLD_START) or 'zh_fmt' not in s:
            err('core/error.c', 'changed since the converter was written: merge its change '
                'into ERROR_C in tools/msgcat-convert.py')
        new['core/error.c'] = ERROR_C

    cat = Catalogue()
    header = load_po('po/zh_CN.po', cat)
    stats = {}
    for path in sorted(new):
        src = rewrite_definitions(path, new[path])
        for _ in range(4):
            src, nested = convert_file(path, src, cat, stats)
            if not nested:
                break
        new[path] = src
        src = mark_data_pairs(path, src, cat, stats)
        new[path] = src
        leftover_pairs(path, src, stats)

    if errors:
        print('\n'.join('ERROR: ' + e for e in errors), file=sys.stderr)
        print('msgcat-convert: %d errors; nothing written' % len(errors), file=sys.stderr)
        return 1
    changed = [p for p in sorted(new) if new[p] != files[p]]
    # The po file comes from xgettext on the converted sources: run it on a
    # copy first, so that nothing is written when something is wrong.
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, 'po'))
        for name in ('xgettext.sh',):
            with open(os.path.join(top, 'po', name)) as f, \
                    open(os.path.join(tmp, 'po', name), 'w') as g:
                g.write(f.read())
        os.chmod(os.path.join(tmp, 'po', 'xgettext.sh'), 0o755)
        for p in new:
            os.makedirs(os.path.join(tmp, os.path.dirname(p)), exist_ok=True)
            with open(os.path.join(tmp, p), 'w', encoding='utf-8') as f:
                f.write(new[p])
        pot_text, po_text = make_po(tmp, header, cat)
        with open(os.path.join(tmp, 'po', 'zh_CN.po'), 'w', encoding='utf-8') as f:
            f.write(po_text)
        # In msgmerge's own layout, so that `make update-po` finds nothing to do.
        # (-o, not --update: --update leaves a file it finds current alone.)
        subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '--no-wrap',
                        '--sort-by-file', '-o', os.path.join(tmp, 'po', 'merged.po'),
                        os.path.join(tmp, 'po', 'zh_CN.po'),
                        os.path.join(tmp, 'po', 'yigong.pot')], check=True)
        with open(os.path.join(tmp, 'po', 'merged.po'), encoding='utf-8') as f:
            po_text = f.read()
        with open(os.path.join(tmp, 'po', 'zh_CN.po'), 'w', encoding='utf-8') as f:
            f.write(po_text)
        check = subprocess.run(['msgfmt', '--check-format', '-o', '/dev/null',
                                os.path.join(tmp, 'po', 'zh_CN.po')],
                               capture_output=True, text=True)
        if check.returncode:
            po_lines = po_text.split('\n')
            for m in re.finditer(r':(\d+): (.*)', check.stderr):
                n = int(m.group(1))
                entry = [x for x in po_lines[max(0, n - 4):n + 1] if x.startswith(('msgid', 'msgstr', '#:'))]
                err('po/zh_CN.po', 'msgfmt --check-format: %s\n    %s\n    (a Chinese format '
                    'takes the English\'s arguments; %%.0s skips one)' % (m.group(2), '\n    '.join(entry)))
    if errors:
        print('\n'.join('ERROR: ' + e for e in errors), file=sys.stderr)
        print('msgcat-convert: %d errors; nothing written' % len(errors), file=sys.stderr)
        return 1
    for p in changed:
        with open(p, 'w', encoding='utf-8') as f:
            f.write(new[p])
    with open('po/yigong.pot', 'w', encoding='utf-8') as f:
        f.write(pot_text)
    with open('po/zh_CN.po', 'w', encoding='utf-8') as f:
        f.write(po_text)
    for k in sorted(x for x in stats if x != 'left'):
        print('%-30s %d' % (('left: ' if k == 'data YG_L' else 'converted ') + k, stats[k]))
    for n in notes:
        print('note: ' + n)
    print('files changed: %d; catalogue: %d messages, %d with a context'
          % (len(changed), len(cat.zh), sum(1 for k in cat.zh if k[0] is not None)))
    left = stats.get('left', {})
    if left:
        print('left as data pairs (Chinese, English literals side by side, not messages '
              'of a converted function): %d in %d files' % (sum(left.values()), len(left)))
        for p in sorted(left):
            print('  %-28s %d' % (p, left[p]))
    return 0


if __name__ == '__main__':
    sys.exit(main())

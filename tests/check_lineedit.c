/*
 * check_lineedit.c — the single-line editor of the screens and the key
 * table, without a terminal.
 */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ui-lineedit.h"
#include "ui-screen.h"

static struct ui_line l;

static void setup(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	ui_line_init(&l);
}

static void teardown(void)
{
	ui_line_free(&l);
}

/* The text as UTF-8, kept for the assertion. */
static const char *text(void)
{
	static char *s;

	free(s);
	s = ui_line_get(&l);
	ck_assert_ptr_nonnull(s);
	return s;
}

START_TEST(insert_and_move)
{
	ck_assert_int_eq(ui_line_insert_str(&l, "acd"), 0);
	ui_line_left(&l);
	ui_line_left(&l);
	ck_assert_int_eq(ui_line_insert(&l, L'b'), 0);
	ck_assert_str_eq(text(), "abcd");
	ck_assert_uint_eq(l.cur, 2);
	ui_line_home(&l);
	ui_line_left(&l);
	ck_assert_uint_eq(l.cur, 0);
	ui_line_delete(&l);
	ck_assert_str_eq(text(), "bcd");
	ui_line_end(&l);
	ui_line_right(&l);
	ck_assert_uint_eq(l.cur, 3);
	ui_line_delete(&l); /* at the end: nothing */
	ui_line_backspace(&l);
	ck_assert_str_eq(text(), "bc");
	ui_line_home(&l);
	ui_line_backspace(&l); /* at the start: nothing */
	ck_assert_str_eq(text(), "bc");
	ck_assert(l.changed);
}
END_TEST

START_TEST(set_and_get_chinese)
{
	ck_assert_int_eq(ui_line_set(&l, "张三丰 ok"), 0);
	ck_assert_uint_eq(l.len, 6);
	ck_assert_uint_eq(l.cur, 6);
	ck_assert_uint_eq(ui_line_width(&l), 9);
	ck_assert(!l.changed);
	ck_assert_str_eq(text(), "张三丰 ok");
	ui_line_home(&l);
	ui_line_right(&l);
	ui_line_delete(&l);
	ck_assert_str_eq(text(), "张丰 ok");
	ck_assert_int_eq(ui_line_set(&l, NULL), 0);
	ck_assert_str_eq(text(), "");
	/* Invalid UTF-8 is refused and leaves the text as it was. */
	ck_assert_int_eq(ui_line_set(&l, "ab"), 0);
	ck_assert_int_eq(ui_line_set(&l, "x\xff"), -1);
	ck_assert_str_eq(text(), "ab");
}
END_TEST

START_TEST(refuses_zero_width_and_controls)
{
	ck_assert_int_eq(ui_line_insert(&l, L'\t'), -1);
	ck_assert_int_eq(ui_line_insert(&l, 0x0301), -1); /* combining acute */
	ck_assert_int_eq(ui_line_insert(&l, 0x200b), -1); /* zero-width space */
	ck_assert_int_eq(ui_line_insert(&l, 0x7f), -1);
	ck_assert_uint_eq(l.len, 0);
	ck_assert(!l.changed);
	ck_assert_uint_eq(ui_line_insert_str(&l, "a\tb"), 1);
	ck_assert_str_eq(text(), "ab");
	/* Full-width digits are width 2 and accepted: the parser decides. */
	ck_assert_int_eq(ui_line_insert(&l, 0xff11), 0);
}
END_TEST

START_TEST(ceiling)
{
	int i;

	for (i = 0; i < UI_LINE_MAX; i++)
		ck_assert_int_eq(ui_line_insert(&l, L'9'), 0);
	ck_assert_int_eq(ui_line_insert(&l, L'9'), -1);
	ck_assert_uint_eq(l.len, UI_LINE_MAX);
}
END_TEST

START_TEST(view_scrolls_with_cursor)
{
	size_t count;
	int used, col;

	ui_line_insert_str(&l, "0123456789");
	ui_line_view(&l, 6, &count, &used, &col);
	/* Cursor after the last character needs a blank cell: 5 shown. */
	ck_assert_uint_eq(l.scroll, 5);
	ck_assert_uint_eq(count, 5);
	ck_assert_int_eq(col, 5);
	ui_line_home(&l);
	ui_line_view(&l, 6, &count, &used, &col);
	ck_assert_uint_eq(l.scroll, 0);
	ck_assert_uint_eq(count, 6);
	ck_assert_int_eq(used, 6);
	ck_assert_int_eq(col, 0);
	/* Deleting back to something short scrolls home again. */
	ui_line_end(&l);
	ui_line_view(&l, 6, &count, &used, &col);
	for (int i = 0; i < 7; i++)
		ui_line_backspace(&l);
	ui_line_view(&l, 6, &count, &used, &col);
	ck_assert_uint_eq(l.scroll, 0);
	ck_assert_uint_eq(count, 3);
	ck_assert_int_eq(col, 3);
}
END_TEST

START_TEST(view_never_splits_wide)
{
	size_t count;
	int used, col;

	/* Five columns: "a" + two Chinese characters fill 5; the third
	 * would cross the edge and is not drawn. */
	ui_line_set(&l, "a张三丰");
	ui_line_home(&l);
	ui_line_view(&l, 6, &count, &used, &col);
	ck_assert_uint_eq(count, 3);
	ck_assert_int_eq(used, 5);
	ck_assert_int_eq(col, 0);
	/* At the end, the cursor column plus its blank cell stays inside. */
	ui_line_end(&l);
	ui_line_view(&l, 6, &count, &used, &col);
	ck_assert_int_le(col + 1, 6);
	ck_assert_int_eq(col, 4);
	ck_assert_uint_eq(l.scroll, 2);
	ck_assert_int_le(used, 6);
	/* The cursor on a wide character needs both its cells. */
	ui_line_set(&l, "abcde张");
	ui_line_left(&l);
	ui_line_view(&l, 6, &count, &used, &col);
	ck_assert_int_le(col + 2, 6);
	ck_assert_int_eq(col, 4);
	ck_assert_uint_eq(l.scroll, 1);
}
END_TEST

START_TEST(view_width_holds_for_every_cursor)
{
	size_t count, i;
	int used, col;

	ui_line_set(&l, "说明:人员超编3人,因新院区开诊临时聘用");
	for (int width = 2; width < 12; width++) {
		ui_line_home(&l);
		for (i = 0; i <= l.len; i++) {
			ui_line_view(&l, width, &count, &used, &col);
			ck_assert_int_le(used, width);
			ck_assert_int_ge(col, 0);
			ck_assert_int_le(col + (l.cur < l.len ? wcwidth(l.buf[l.cur]) : 1), width);
			ck_assert(l.cur >= l.scroll && l.cur <= l.scroll + count);
			ui_line_right(&l);
		}
	}
}
END_TEST

/* The key table: what each key means with and without a box taking text. */
static const struct ui_screen_ops plain_ops = { .name = "plain" };

static int act(int rc, wint_t wc, bool text)
{
	struct ui_screen s = { .ops = &plain_ops, .text_input = text };
	struct ui_key k;

	ui_key_map(rc, wc, &s, &k);
	return k.act;
}

START_TEST(keys_fkeys_and_ctrl_twins)
{
	for (int text = 0; text <= 1; text++) {
		ck_assert_int_eq(act(KEY_CODE_YES, KEY_F(2), text), UI_A_SAVE);
		ck_assert_int_eq(act(OK, 0x13, text), UI_A_SAVE);        /* Ctrl-S */
		ck_assert_int_eq(act(KEY_CODE_YES, KEY_F(10), text), UI_A_SUBMIT);
		ck_assert_int_eq(act(OK, 0x18, text), UI_A_SUBMIT);      /* Ctrl-X */
		ck_assert_int_eq(act(OK, 0x14, text), UI_A_SUBMIT);      /* Ctrl-T */
		ck_assert_int_eq(act(KEY_CODE_YES, KEY_F(1), text), UI_A_HELP);
		ck_assert_int_eq(act(OK, 27, text), UI_A_BACK);          /* Esc, Ctrl-[ */
		ck_assert_int_eq(act(KEY_CODE_YES, KEY_F(3), text), UI_A_BACK); /* Esc's twin */
		ck_assert_int_eq(act(OK, L'\t', text), UI_A_NEXT);
		ck_assert_int_eq(act(KEY_CODE_YES, KEY_BTAB, text), UI_A_PREV);
		ck_assert_int_eq(act(OK, L'\r', text), UI_A_ENTER);
		ck_assert_int_eq(act(KEY_CODE_YES, KEY_NPAGE, text), UI_A_PGDN);
		ck_assert_int_eq(act(OK, 0x7f, text), UI_A_BACKSPACE);
	}
}
END_TEST

/* A box entered with a value selects it: the first character typed
 * replaces it ("66" over "64" is 66, not 6466). */
START_TEST(selected_text_is_replaced_by_typing)
{
	ck_assert_int_eq(ui_line_set(&l, "64"), 0);
	l.changed = false;
	ui_line_select(&l);
	ck_assert(l.selected);
	ck_assert_uint_eq(ui_line_insert_str(&l, "66"), 0);
	ck_assert_str_eq(text(), "66");
	ck_assert(!l.selected);
	ck_assert(l.changed);
	/* Only the first character replaces: the rest is typed after it. */
	ck_assert_int_eq(ui_line_insert(&l, L'7'), 0);
	ck_assert_str_eq(text(), "667");
	/* A refused character does not throw the selection away. */
	ui_line_select(&l);
	ck_assert_int_eq(ui_line_insert(&l, 0x0301), -1);
	ck_assert_str_eq(text(), "667");
	ck_assert(l.selected);
}
END_TEST

/* Movement keys and Backspace start editing the text in place. */
START_TEST(movement_and_backspace_edit_in_place)
{
	ck_assert_int_eq(ui_line_set(&l, "64"), 0);
	ui_line_select(&l);
	ui_line_backspace(&l);
	ck_assert_str_eq(text(), "6");
	ui_line_insert(&l, L'6');
	ck_assert_str_eq(text(), "66");

	ui_line_select(&l);
	ui_line_home(&l);
	ck_assert(!l.selected);
	ui_line_insert(&l, L'1');
	ck_assert_str_eq(text(), "166");

	ui_line_select(&l);
	ui_line_end(&l);
	ui_line_insert(&l, L'0');
	ck_assert_str_eq(text(), "1660");

	ui_line_select(&l);
	ui_line_left(&l);
	ui_line_insert(&l, L'.');
	ck_assert_str_eq(text(), "166.0");

	ui_line_select(&l);
	ui_line_right(&l);
	ui_line_insert(&l, L'5');
	ck_assert_str_eq(text(), "166.05");

	/* Delete on a selection empties the box, as in a web form. */
	ui_line_select(&l);
	ui_line_delete(&l);
	ck_assert_str_eq(text(), "");
	/* Nothing to select in an empty box. */
	ui_line_select(&l);
	ck_assert(!l.selected);
	/* Setting new text starts unselected: entering the box selects. */
	ck_assert_int_eq(ui_line_set(&l, "张三"), 0);
	ck_assert(!l.selected);
	ui_line_select(&l);
	ck_assert_uint_eq(l.cur, 2);
	ui_line_insert(&l, 0x674e); /* 李 */
	ck_assert_str_eq(text(), "李");
}
END_TEST

/* CR+LF pasted from Excel is one line end; lone CR and lone LF are one each. */
START_TEST(keys_crlf_is_one_line_end)
{
	ui_key_crlf_tail(OK, L'x'); /* forget earlier tests */
	ck_assert(!ui_key_crlf_tail(OK, L'1'));
	ck_assert(!ui_key_crlf_tail(OK, L'\r'));
	ck_assert(ui_key_crlf_tail(OK, L'\n'));
	ck_assert(!ui_key_crlf_tail(OK, L'2'));
	ck_assert(!ui_key_crlf_tail(OK, L'\n'));
	ck_assert(!ui_key_crlf_tail(OK, L'\n'));
	ck_assert(!ui_key_crlf_tail(OK, L'\r'));
	ck_assert(!ui_key_crlf_tail(OK, L'\r'));
	ck_assert(ui_key_crlf_tail(OK, L'\n'));
	/* A key code that happens to equal '\n' is not an LF. */
	ck_assert(!ui_key_crlf_tail(OK, L'\r'));
	ck_assert(!ui_key_crlf_tail(KEY_CODE_YES, L'\n'));
}
END_TEST

START_TEST(keys_letters_are_text_in_boxes)
{
	ck_assert_int_eq(act(OK, L'q', false), UI_A_QUIT);
	ck_assert_int_eq(act(OK, L'q', true), UI_A_TEXT);
	ck_assert_int_eq(act(OK, L'?', false), UI_A_HELP);
	ck_assert_int_eq(act(OK, L'?', true), UI_A_TEXT);
	ck_assert_int_eq(act(OK, L'[', false), UI_A_PREV_MONTH);
	ck_assert_int_eq(act(OK, L']', false), UI_A_NEXT_MONTH);
	ck_assert_int_eq(act(OK, L'/', true), UI_A_TEXT);
	ck_assert_int_eq(act(OK, 0x5f20, false), UI_A_TEXT);  /* 张 */
	ck_assert_int_eq(act(OK, 0x5f20, true), UI_A_TEXT);
	ck_assert_int_eq(act(OK, 0x0301, true), UI_A_NONE);   /* combining */
	ck_assert_int_eq(act(KEY_CODE_YES, KEY_F(9), true), UI_A_NONE);
}
END_TEST

/* A screen's key table: its own keys first; rows that are off are not
 * taken; rows without a key of their own only document a global one. */
static bool mine_off;

static void mine_keys(struct ui_screen *s, ui_keys_use *use, void *ctx)
{
	const struct ui_keydef t[] = {
		{ "a", "add", .act = UI_A_SCREEN + 1, .ch = 'a' },
		{ "F4", "roster", .act = UI_A_SCREEN + 2, .code = KEY_F(4), .ch = 'R' & 0x1f,
		  .anywhere = true },
		{ "x", "close", .act = UI_A_SCREEN + 3, .ch = 'x', .ch2 = 'X', .off = mine_off },
		{ "Enter", "open", .act = UI_A_ENTER },
	};

	(void)s;
	UI_KEYS(use, ctx, t);
}

START_TEST(keys_screen_table_first)
{
	static const struct ui_screen_ops mine = { .name = "mine", .keys = mine_keys };
	struct ui_screen s = { .ops = &mine };
	struct ui_key k;

	ui_key_map(OK, L'a', &s, &k);
	ck_assert_int_eq(k.act, UI_A_SCREEN + 1);
	ck_assert_uint_eq(k.ch, L'a');
	s.text_input = true;
	ui_key_map(OK, L'a', &s, &k);
	ck_assert_int_eq(k.act, UI_A_TEXT);
	ui_key_map(KEY_CODE_YES, KEY_F(4), &s, &k);
	ck_assert_int_eq(k.act, UI_A_SCREEN + 2);
	ck_assert_int_eq(k.code, KEY_F(4));
	ui_key_map(OK, 'R' & 0x1f, &s, &k);
	ck_assert_int_eq(k.act, UI_A_SCREEN + 2);
	s.text_input = false;
	ui_key_map(OK, L'd', &s, &k);
	ck_assert_int_eq(k.act, UI_A_REMOVE);
	ui_key_map(OK, L'X', &s, &k);
	ck_assert_int_eq(k.act, UI_A_SCREEN + 3);
	mine_off = true;
	ui_key_map(OK, L'x', &s, &k);
	ck_assert_int_eq(k.act, UI_A_TEXT);
	mine_off = false;
	ui_key_map(OK, L'\r', &s, &k);
	ck_assert_int_eq(k.act, UI_A_ENTER);
	ui_key_map(OK, L'a', NULL, &k);
	ck_assert_int_eq(k.act, UI_A_ADD);
}
END_TEST

/* Every list screen moves its selection through one function. */
START_TEST(list_move_bounds)
{
	size_t sel = 0;
	ck_assert(ui_list_move(&sel, 5, UI_A_UP, 3));
	ck_assert_uint_eq(sel, 0);
	ck_assert(ui_list_move(&sel, 5, UI_A_PGDN, 3));
	ck_assert_uint_eq(sel, 3);
	ck_assert(ui_list_move(&sel, 5, UI_A_PGDN, 3));
	ck_assert_uint_eq(sel, 4);
	ck_assert(ui_list_move(&sel, 5, UI_A_DOWN, 3));
	ck_assert_uint_eq(sel, 4);
	ck_assert(ui_list_move(&sel, 5, UI_A_PGUP, 3));
	ck_assert_uint_eq(sel, 1);
	ck_assert(ui_list_move(&sel, 5, UI_A_END, 3));
	ck_assert_uint_eq(sel, 4);
	ck_assert(ui_list_move(&sel, 5, UI_A_HOME, 3));
	ck_assert_uint_eq(sel, 0);
	ck_assert(ui_list_move(&sel, 0, UI_A_END, 3)); /* an empty list stays at 0 */
	ck_assert_uint_eq(sel, 0);
	ck_assert(!ui_list_move(&sel, 5, UI_A_ENTER, 3));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("lineedit");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, insert_and_move);
	tcase_add_test(tc, set_and_get_chinese);
	tcase_add_test(tc, refuses_zero_width_and_controls);
	tcase_add_test(tc, ceiling);
	tcase_add_test(tc, view_scrolls_with_cursor);
	tcase_add_test(tc, view_never_splits_wide);
	tcase_add_test(tc, view_width_holds_for_every_cursor);
	tcase_add_test(tc, selected_text_is_replaced_by_typing);
	tcase_add_test(tc, movement_and_backspace_edit_in_place);
	suite_add_tcase(s, tc);
	tc = tcase_create("keys");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, keys_fkeys_and_ctrl_twins);
	tcase_add_test(tc, keys_letters_are_text_in_boxes);
	tcase_add_test(tc, keys_screen_table_first);
	tcase_add_test(tc, list_move_bounds);
	tcase_add_test(tc, keys_crlf_is_one_line_end);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/*
 * check_i18n.c — the compiled-in message catalogue (core/i18n.c): every
 * entry of every language is found by its English, an untranslated message
 * reads in English, and languages are found by the names users and
 * locales give them.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

START_TEST(every_entry_is_found)
{
	ck_assert_int_ge(yg_lang_count(), 2);
	for (int l = 1; l < yg_lang_count(); l++) {
		const struct yg_catalog *c = &yg_catalogs[l];
		for (size_t i = 0; i < c->n; i++)
			ck_assert_ptr_eq(yg_gettext_in(l, c->msgs[i].id), c->msgs[i].str);
	}
}
END_TEST

START_TEST(untranslated_reads_english)
{
	const char *m = "no catalogue has this sentence";

	for (int l = -1; l <= yg_lang_count(); l++)
		ck_assert_ptr_eq(yg_gettext_in(l, m), m);
	/* A message with a context (NC_) reads as its English. */
	ck_assert_str_eq(yg_gettext_in(0, "some-file\004Due"), "Due");
	ck_assert_str_eq(yg_gettext_in(1, "no-such-file\004Due"), "Due");
	ck_assert_ptr_null(yg_gettext_in(1, NULL));
}
END_TEST

START_TEST(languages_by_name)
{
	ck_assert_str_eq(yg_lang_code(0), "en");
	ck_assert_str_eq(yg_lang_code(1), "zh_CN");
	ck_assert_ptr_null(yg_lang_code(yg_lang_count()));
	ck_assert_int_eq(yg_lang_find("en"), 0);
	ck_assert_int_eq(yg_lang_find("en_GB.UTF-8"), 0);
	ck_assert_int_eq(yg_lang_find("zh"), 1);
	ck_assert_int_eq(yg_lang_find("zh_CN"), 1);
	ck_assert_int_eq(yg_lang_find("zh_TW"), 1);
	ck_assert_int_eq(yg_lang_find("zh_CN.UTF-8"), 1);
	ck_assert_int_eq(yg_lang_find("zhx"), -1);
	ck_assert_int_eq(yg_lang_find("C"), -1);
	ck_assert_int_eq(yg_lang_find(""), -1);
	ck_assert_int_eq(yg_lang_find(NULL), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("i18n");
	TCase *tc = tcase_create("catalogue");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, every_entry_is_found);
	tcase_add_test(tc, untranslated_reads_english);
	tcase_add_test(tc, languages_by_name);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

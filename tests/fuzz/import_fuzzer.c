/*
 * import_fuzzer.c — libFuzzer harness of the CSV import (yg_import).
 *
 *   ./configure --enable-fuzzing CC=clang && make fuzz [FUZZ_SECONDS=600]
 *
 * Every input is imported as a dry run into one small database (a county,
 * a community, two townships and a hospital), so the database never
 * changes and inputs stay independent.  The import's own sources are
 * compiled into the harness so that libFuzzer sees their coverage.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "forms.h"
#include "yg_csv.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static yg_db *db;

static void put(const char *code, const char *name, enum yg_kind kind, enum yg_tier tier,
	const char *parent)
{
	struct yg_org o = { .code = (char *)code, .name = (char *)name, .kind = kind,
		.tier = tier, .parent_code = (char *)parent };
	if (yg_org_put(db, &o, NULL) != YG_OK)
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[] = "/tmp/yigong-fuzz-XXXXXX";
	char *path;

	(void)argc;
	(void)argv;
	forms_register_all();
	if (!mkdtemp(dir) || !(path = yg_asprintf("%s/fuzz.db", dir)))
		abort();
	if (yg_db_create(path, &db) != YG_OK)
		abort();
	yg_login_system(db, "fuzz");
	put("C", "县", YG_KIND_COUNTY, YG_TIER_NONE, NULL);
	put("M1", "医共体", YG_KIND_COMMUNITY, YG_TIER_NONE, "C");
	put("T1", "甲镇卫生院", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, "M1");
	put("T2", "乙镇卫生院", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, "M1");
	put("H1", "县医院", YG_KIND_HOSPITAL, YG_TIER_SECONDARY, "M1");
	free(path);
	return 0;
}

static void ignore(void *arg, uint64_t line, const char *msg)
{
	(void)arg;
	(void)line;
	if (!msg)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct yg_import_opts o = { .dry_run = true, .encoding = YG_ENC_AUTO,
		.source = "fuzz", .problem = ignore };
	struct yg_import_stats st;
	FILE *fp;

	if (size == 0)
		return 0;
	/* The first byte picks the encoding the caller would ask for. */
	o.encoding = data[0] % 3 == 0 ? YG_ENC_AUTO : data[0] % 3 == 1 ? YG_ENC_UTF8
		: YG_ENC_GB18030;
	fp = fmemopen((void *)(data + 1), size - 1 ? size - 1 : 1, "r");
	if (!fp)
		return 0;
	yg_import(db, fp, &o, &st);
	/* A dry run or a refusal never leaves a transaction open. */
	yg_import_stats_clear(&st);
	fclose(fp);
	(void)yg_csv_guard_len((const char *)data, size);
	return 0;
}

/*
 * org_import_fuzzer.c — libFuzzer harness of `yigong org import` (issue 10).
 *
 *   ./configure --enable-fuzzing CC=clang && make fuzz-org [FUZZ_SECONDS=600]
 *
 * Every input is what a file would hold; the first byte picks the encoding
 * the caller asks for (auto, utf-8, gb18030).  The command itself runs
 * (cli/cmd-org.c, core/org_import.c: the reader, the line checks, the tree), as the county's
 * admin, inside a transaction that is rolled back afterwards, so the small
 * database (a county, a community, two townships, a hospital, a village)
 * never changes and inputs stay independent.  Its sources are compiled
 * into the harness so that libFuzzer sees their coverage.
 */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern const struct cmd_entry cmd_org_import_entry;

static yg_db *db;
static char *file;

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
	char dir[] = "/tmp/yigong-orgfuzz-XXXXXX";
	char *path;

	(void)argc;
	(void)argv;
	if (!mkdtemp(dir) || !(path = yg_asprintf("%s/fuzz.db", dir)) ||
	    !(file = yg_asprintf("%s/in.csv", dir)))
		abort();
	if (yg_db_create(path, &db) != YG_OK)
		abort();
	yg_login_system(db, "fuzz");
	put("C", "县", YG_KIND_COUNTY, YG_TIER_NONE, NULL);
	put("M1", "医共体", YG_KIND_COMMUNITY, YG_TIER_NONE, "C");
	put("T1", "甲镇卫生院", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, "M1");
	put("T2", "乙镇卫生院", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, "M1");
	put("H1", "县医院", YG_KIND_HOSPITAL, YG_TIER_SECONDARY, "M1");
	put("V1", "村卫生室", YG_KIND_VILLAGE, YG_TIER_NONE, "T1");
	if (yg_user_put(db, "fuzz", YG_ROLE_ADMIN, "C") != YG_OK || yg_login(db, "fuzz", NULL) != YG_OK)
		abort();
	free(path);
	/* The command's summary line is of no interest; its refusals go to
	 * stderr (run with -close_fd_mask=2 to quiet them). */
	if (!freopen("/dev/null", "w", stdout))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const enc[] = { "auto", "utf-8", "gb18030" };
	struct cmd_ctx ctx = { .db_path = "fuzz", .login = "fuzz", .db = db };
	char *argv[] = { (char *)"org import", (char *)"--encoding", NULL, file, NULL };
	FILE *fp;

	if (size == 0)
		return 0;
	argv[2] = (char *)enc[data[0] % 3];
	if (!(fp = fopen(file, "w")))
		abort();
	if (size > 1 && fwrite(data + 1, 1, size - 1, fp) != size - 1)
		abort();
	fclose(fp);
	if (yg_begin(db) != YG_OK)
		abort();
	optind = 0; /* getopt starts afresh */
	cmd_org_import_entry.exec(&ctx, 4, argv);
	yg_rollback(db);
	return 0;
}

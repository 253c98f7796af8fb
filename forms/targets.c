/*
 * targets.c — what each policy target rests on: the seed's own sentence,
 * the file it is in and the section, for the targets' help (F1 on the
 * dashboard, `yigong check --explain T4`).  The thresholds themselves are
 * data (data/targets.csv); these are the words they come from, quoted as
 * the seeds write them (full-width punctuation kept as the files have it).
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "forms.h"

#define SEED_000 "seeds/000_88c182bffad7dc29.txt"
#define SEED_001 "seeds/001_dbf028b1981d6d51.txt"
#define SEED_002 "seeds/002_d521736813155428.txt"
#define SEED_004 "seeds/004_4c65f41c6f8b148d.txt"

static const struct forms_target_help help[] = {
	{ "T1", SEED_002, "昆明 2024 一(四)", N_("Kunming 2024, I (4)"),
	  "社区卫生服务中心、乡镇卫生院、二级以上医疗机构均至少配备1名公共卫生医师。",
	  "每个社区卫生服务中心、乡镇卫生院和二级以上医院报人员配备;公共卫生医师数不低于阈值即达标。",
	  N_("Every community and township health centre and every hospital of secondary rank "
	  "or above files staffing; met when public_health_physicians is at least the "
	  "threshold.") },
	{ "T2", SEED_004, "西藏 二(四),完成时限 2025年9月前", N_("Tibet II (4), due by 2025-09"),
	  "通过巡回诊疗、派驻服务、远程医疗等方式实现每个乡镇卫生院(社区卫生服务中心)至少有1名"
	  "牵头医院主治医师及以上职称人员常年服务",
	  "本月每天都有牵头医院主治医师及以上人员服务(派驻、巡回、远程均可,前后相接的派驻合计)即达标。",
	  "Met when attending_coverage_days equals the days of the month: postings from the "
	  "community's lead hospital only, attending (主治医师) or above, in any mode "
	  "(resident, circuit, remote); successive postings join up." },
	{ "T3", SEED_004, "西藏 二(四),完成时限 2025年9月前", N_("Tibet II (4), due by 2025-09"),
	  "确保每个重点中心乡镇卫生院至少有1名牵头医院主治医师及以上职称人员常年派驻服务",
	  "仅重点中心乡镇卫生院:本月每天都有不少于阈值人数的牵头医院主治及以上医师派驻;交接无空档即算连续。",
	  N_("Key central township centres only: on every day of the month at least the "
	  "threshold's number of resident-mode attending-or-above doctors from the lead "
	  "hospital; a hand-over counts when the days join up.") },
	{ "T4", SEED_004, "西藏 二(二),完成时限 2025年9月前", N_("Tibet II (2), due by 2025-09"),
	  "开展帮扶的城市公立三级医院对县域医共体至少要派出3名以上专家给予医疗、药学、护理、管理等"
	  "常年驻守指导。",
	  "按医共体:该医共体指定的帮扶城市三级医院派出、中级及以上职称(医疗、药学、护理、管理均可)、全月驻守的人数;未指定帮扶医院的不适用。",
	  N_("Per medical community: distinct people from the supporting urban tertiary hospital "
	  "the community names, intermediate rank or above in any profession, resident all "
	  "month; not applicable when it names none.") },
	{ "T5", SEED_004, "西藏 二(二),完成时限 2025年9月前", N_("Tibet II (2), due by 2025-09"),
	  "每批派驻人员连续工作时间不得少于6个月。",
	  "帮扶城市三级医院的派驻:结束日期(实际,否则计划)不早于六个月后同日的前一天(2025-01-15 须至 2025-07-14 或以后)。",
	  N_("Postings from the supporting urban tertiary hospital: the end (actual, else "
	  "planned) on or after the day before the same date six months later "
	  "(2025-01-15 needs 2025-07-14 or later).") },
	{ "T6", SEED_001, "荆门 2017 一(一)", N_("Jingmen 2017, I (1)"),
	  "家庭医生(团队)签约服务覆盖率达到30%以上,重点人群覆盖率达到60%以上",
	  "签约居民 ÷ 常住居民,重点人群签约 ÷ 重点人群;分母为 0 不适用。",
	  N_("residents_signed / residents and key_population_signed / key_population; "
	  "a denominator of 0 is not applicable.") },
	{ "T7", SEED_004, "西藏 二(六),完成时限 2025年9月前", N_("Tibet II (6), due by 2025-09"),
	  "县域医共体内上级医院在专家号源、住院床位和预约检查等方面预留20%以上的资源优先保障家庭医生"
	  "转诊的患者。",
	  "预留给家庭医生转诊的专家号源、床位、检查各占总数的比例。",
	  N_("Each *_reserved / * pair of the capacity return (expert slots, beds, exams).") },
	{ "T8", SEED_001, "荆门 2017 一(五)", N_("Jingmen 2017, I (5)"),
	  "基层、二级、三级医疗机构基本药物配备比例分别不低于80%、60%、30%",
	  "基本药物品种 ÷ 配备药品品种,阈值按机构级别。",
	  N_("essential_varieties / drug_varieties, threshold by the institution's tier.") },
	{ "T9", SEED_001, "荆门 2017 一(五)", N_("Jingmen 2017, I (5)"),
	  "基层医疗机构药品网上采购率100%,二级及以上医疗机构药品网上采购率不低于95%。",
	  "网上采购金额 ÷ 药品采购金额,阈值按机构级别。",
	  N_("online_amount / drug_amount, threshold by tier.") },
	{ "T10", SEED_001, "荆门 2017 一(五)", N_("Jingmen 2017, I (5)"),
	  "二级及以上医疗机构医用耗材和检验试剂市级集中招标网上采购不低于总量的95%",
	  "耗材与试剂网上采购金额 ÷ 耗材与试剂采购金额,二级及以上。",
	  N_("consumables_online_amount / consumables_amount, secondary and above.") },
	{ "T11", SEED_001, "荆门 2017 一(五)", N_("Jingmen 2017, I (5)"),
	  "各级医疗机构药品、医用耗材、检验试剂及时配送到位率不低于90%",
	  "按时配送订单 ÷ 订单。",
	  N_("orders_on_time / orders.") },
	{ "T12", SEED_001, "荆门 2017 一(五)", N_("Jingmen 2017, I (5)"),
	  "货款结算周期原则上不超过30天。",
	  "超过 30 天才结算的笔数为 0 即达标;本月无结算不适用;平均回款天数仅供参考。",
	  N_("Met when payments_late (settlements more than 30 days after delivery) is 0; "
	  "a month with no settlement (payments = 0) is not applicable; payment_days is "
	  "shown as information.") },
	{ "T13", SEED_000, "西安 2019 12", N_("Xi'an 2019, item 12"),
	  "按时完成中选药品约定采购任务。",
	  "集采累计采购量 ÷ 约定采购量不低于合同年已过月数 ÷ 12(含本月);合同年起始月为县设置。",
	  N_("vbp_purchased / vbp_contracted at least the share of the contract year elapsed, "
	  "the return's own month counted; the contract year's first month is a county "
	  "setting.") },
};

const struct forms_target_help *forms_target_help_find(const char *id)
{
	for (size_t i = 0; id && i < sizeof help / sizeof help[0]; i++)
		if (strcasecmp(help[i].id, id) == 0)
			return &help[i];
	return NULL;
}

const struct yg_rule *forms_rule_find(const char *id)
{
	if (id && strcasecmp(id, forms_rule_t4.id) == 0)
		return &forms_rule_t4;
	for (size_t i = 0; id && i < yg_form_count(); i++) {
		const struct yg_form *f = yg_form_at(i);
		for (size_t k = 0; k < f->nrules; k++)
			if (strcasecmp(f->rules[k].id, id) == 0)
				return &f->rules[k];
	}
	return NULL;
}

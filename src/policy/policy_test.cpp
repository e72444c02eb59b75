#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "policy/profile.h"
#include "policy/profile_json.h"

namespace kf::policy {
namespace {

std::string data_dir() {
  if (const char* d = std::getenv("KF_SOURCE_DIR")) return std::string(d) + "/data";
  return (std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "data").string();
}

Profile shipped(const std::string& key) {
  auto p = find_profile(data_dir(), key);
  EXPECT_TRUE(p) << p.error().message;
  return p ? *p : Profile{};
}

std::string shipped_text(const std::string& key) {
  std::ifstream in(data_dir() + "/policies/" + key + ".toml");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `text` with the first occurrence of `from` replaced by `to` (the test fails if absent).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

int deadline(const Profile& p, const std::string& proc, const std::string& stage) {
  const Procedure* pr = p.procedure(proc);
  if (!pr || !pr->stage(stage)) return -1;
  return pr->stage(stage)->deadline_wd;
}

TEST(Policy, AllFiveShippedProfilesLoadAndDefineEveryProcedure) {
  auto keys = list_profiles(data_dir() + "/policies");
  ASSERT_TRUE(keys) << keys.error().message;
  EXPECT_EQ(*keys, (std::vector<std::string>{"hangzhou", "lishui", "shandong", "weifang", "yanzhou"}));
  for (const auto& key : *keys) {
    Profile p = shipped(key);
    EXPECT_EQ(p.key, key);
    EXPECT_FALSE(p.source.empty()) << key;
    EXPECT_EQ(p.procedures.size(), procedure_keys().size()) << key;
    for (const auto& [k, proc] : p.procedures) {
      for (const auto& s : proc.stages) EXPECT_GE(s.deadline_wd, 0) << key << " " << k << " " << s.key;
    }
  }
}

TEST(Policy, ShandongConditionalApplicationIsNormativeFiveThenProviderTen) {
  Profile p = shipped("shandong");
  const Procedure* app = p.procedure("conditional_application");
  ASSERT_NE(app, nullptr);
  std::vector<std::string> order;
  for (const auto& s : app->stages) order.push_back(s.key);
  auto at = [&](const std::string& k) { return std::find(order.begin(), order.end(), k) - order.begin(); };
  EXPECT_LT(at("normative_review"), at("provider_review"));
  EXPECT_LT(at("provider_review"), at("agreement"));
  EXPECT_EQ(deadline(p, "conditional_application", "normative_review"), 5);
  EXPECT_EQ(app->stage("normative_review")->assignee, "authority");
  EXPECT_EQ(deadline(p, "conditional_application", "provider_review"), 10);
  EXPECT_EQ(app->stage("provider_review")->assignee, "provider");
  EXPECT_EQ(p.open_list_due, "05-31");
  EXPECT_EQ(p.open_labels.at("conditional"), "有条件开放");
  EXPECT_EQ(p.open_labels.at("not_open"), "不予开放");
  EXPECT_EQ(deadline(p, "demand", "normative_review"), 10);
  EXPECT_EQ(deadline(p, "demand", "assessment"), 15);
  EXPECT_EQ(deadline(p, "demand", "open"), 20);
  EXPECT_EQ(deadline(p, "objection", "verification"), 10);
  EXPECT_EQ(p.procedure("consultation"), nullptr);
  EXPECT_EQ(p.procedure("share_request"), nullptr);
  EXPECT_TRUE(p.procedures.count("share_request"));  // listed, but disabled
  EXPECT_TRUE(p.flags.conditional_downloadable);
}

TEST(Policy, WeifangProvidersUpdateTheCatalogInFifteenWorkingDaysAndShareRequestsTen) {
  Profile p = shipped("weifang");
  // Art. 11: the 15 working days are the provider's, to update its catalog after a change of the
  // law or of its duties; the authority's consent to a change has no deadline in the document.
  EXPECT_EQ(p.catalog_update_wd, 15);
  EXPECT_EQ(deadline(p, "catalog_change", "change_review"), 0);
  EXPECT_EQ(p.procedure("catalog_change")->stage("change_review")->assignee, "authority");
  EXPECT_EQ(deadline(p, "share_request", "answer"), 10);
  EXPECT_EQ(p.share_labels.at("conditional"), "有条件共享");
  // Where the Weifang rules are silent, the Shandong values apply.
  EXPECT_EQ(deadline(p, "conditional_application", "normative_review"), 5);
  EXPECT_EQ(deadline(p, "conditional_application", "provider_review"), 10);
}

TEST(Policy, LishuiIsRestrictedWithGradesQuarterlyRoundsAndNoDownloads) {
  Profile p = shipped("lishui");
  EXPECT_EQ(p.open_labels.at("unconditional"), "无条件开放");
  EXPECT_EQ(p.open_labels.at("conditional"), "受限开放");
  EXPECT_EQ(p.open_labels.at("not_open"), "禁止开放");
  EXPECT_FALSE(p.flags.conditional_downloadable);
  EXPECT_TRUE(p.flags.quarterly_review_rounds);
  EXPECT_TRUE(p.flags.user_grades);
  ASSERT_TRUE(p.user_grades);
  EXPECT_EQ(p.user_grades->levels, (std::vector<std::string>{"A", "AA", "AAA"}));
  EXPECT_EQ(p.user_grades->apply, "AA");
  EXPECT_EQ(deadline(p, "conditional_application", "normative_review"), 15);
  EXPECT_EQ(deadline(p, "conditional_application", "provider_review"), 15);
  EXPECT_EQ(deadline(p, "conditional_application", "re_review"), 15);
  EXPECT_EQ(p.procedure("conditional_application")->stage("provider_review")->rounds,
            (std::vector<std::string>{"03-30", "06-30", "09-30", "12-30"}));
  EXPECT_EQ(p.app_publish_months, 3);
  EXPECT_FALSE(p.open_list_due);
}

TEST(Policy, HangzhouConsultationIsFiveWorkingDaysAndApplicationsAreFiled) {
  Profile p = shipped("hangzhou");
  EXPECT_EQ(deadline(p, "consultation", "answer"), 5);
  EXPECT_EQ(p.procedure("consultation")->stage("answer")->assignee, "authority");
  EXPECT_EQ(deadline(p, "consultation", "work_order"), 5);
  const Procedure* app = p.procedure("conditional_application");
  ASSERT_NE(app, nullptr);
  EXPECT_NE(app->stage("re_review"), nullptr);
  EXPECT_NE(app->stage("filing"), nullptr);
  EXPECT_EQ(deadline(p, "objection", "work_order"), 5);
  EXPECT_EQ(p.procedure("objection")->deadline_wd, 10);
  EXPECT_FALSE(p.flags.conditional_downloadable);
  EXPECT_FALSE(p.flags.anonymous_download);
  EXPECT_EQ(p.open_labels.at("conditional"), "受限开放");
}

TEST(Policy, ZhejiangProfilesAddTheFourReviewsOfArticle13ToPublication) {
  for (const char* key : {"lishui", "hangzhou"}) {
    Profile p = shipped(key);
    const Procedure* pub = p.procedure("publication");
    ASSERT_NE(pub, nullptr) << key;
    for (const char* s : {"submit", "legality_review", "expert_review", "secrecy_review", "privacy_review",
                          "normative_review"}) {
      EXPECT_NE(pub->stage(s), nullptr) << key << " " << s;
    }
    EXPECT_EQ(pub->stage("expert_review")->assignee, "expert");
  }
  Profile sd = shipped("shandong");
  EXPECT_EQ(sd.procedure("publication")->stage("legality_review"), nullptr);
  // A Zhejiang region may not drop one of them.
  std::string text = replaced(shipped_text("lishui"), "key = \"legality_review\"", "key = \"legal_check\"");
  auto r = parse_profile(text, "lishui-copy.toml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("缺少必需的环节 legality_review"), std::string::npos) << r.error().message;
}

TEST(Policy, YanzhouSharesOnlyAnswersInGoodTimeAndVerifiesErrorsAtOnce) {
  Profile p = shipped("yanzhou");
  EXPECT_TRUE(p.flags.sharing_only);
  EXPECT_EQ(p.procedure("conditional_application"), nullptr);
  ASSERT_NE(p.procedure("share_request"), nullptr);
  // Art. 3(二): a timely answer (a configurable deadline, not "at once"); a refusal needs legal proof.
  const Stage* answer = p.procedure("share_request")->stage("answer");
  EXPECT_FALSE(answer->immediate);
  EXPECT_GT(answer->deadline_wd, 0);
  EXPECT_TRUE(answer->reject_needs_legal_basis);
  // Art. 23: error feedback is verified at once.
  EXPECT_TRUE(p.procedure("objection")->stage("verification")->immediate);
  EXPECT_EQ(p.catalog_update_wd, 0);
  EXPECT_EQ(p.procedure("catalog_change")->stage("change_review")->deadline_cycles, 1);
  EXPECT_EQ(p.share_labels.at("not_shared"), "不予共享");
}

TEST(Policy, AnUnknownKeyIsRefusedByNameAndLine) {
  std::string text = replaced(shipped_text("weifang"), "deadline_wd = 0               # 潍坊办法 第十一条",
                              "dealine_wd = 0               # 潍坊办法 第十一条");
  auto r = parse_profile(text, "weifang-copy.toml");
  ASSERT_FALSE(r);
  const std::string& m = r.error().message;
  EXPECT_NE(m.find("weifang-copy.toml"), std::string::npos) << m;
  EXPECT_NE(m.find("未知的键 dealine_wd"), std::string::npos) << m;
  EXPECT_NE(m.find("流程 catalog_change，环节 change_review"), std::string::npos) << m;
  EXPECT_NE(m.find("第 "), std::string::npos) << m;
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);

  auto flag = parse_profile(replaced(shipped_text("weifang"), "sandbox = true", "sandbx = true"), "w.toml");
  ASSERT_FALSE(flag);
  EXPECT_NE(flag.error().message.find("未知的键 flags.sandbx"), std::string::npos) << flag.error().message;
  auto table = parse_profile("[profiles]\nkey = \"x\"\n" + shipped_text("weifang"), "w.toml");
  ASSERT_FALSE(table);
  EXPECT_NE(table.error().message.find("未知的表 [profiles]"), std::string::npos) << table.error().message;
}

TEST(Policy, AMissingStageOrProcedureIsRefusedNamingIt) {
  std::string text = replaced(shipped_text("shandong"), "key = \"provider_review\"", "key = \"provider_check\"");
  auto r = parse_profile(text, "sd.toml");
  ASSERT_FALSE(r);
  const std::string& m = r.error().message;
  EXPECT_NE(m.find("conditional_application"), std::string::npos) << m;
  EXPECT_NE(m.find("缺少必需的环节 provider_review"), std::string::npos) << m;

  std::string no_consult = replaced(shipped_text("shandong"), "key = \"consultation\"\nlabel = \"咨询\"\nenabled = false",
                                    "");
  // The table entry is now empty ([[procedures]] without keys): a key is required.
  auto missing_key = parse_profile(no_consult, "sd.toml");
  ASSERT_FALSE(missing_key);
  EXPECT_NE(missing_key.error().message.find("缺少 procedures.key"), std::string::npos) << missing_key.error().message;

  std::string text2 = shipped_text("shandong");
  text2 = text2.substr(0, text2.find("[[procedures]]\nkey = \"share_request\""));
  auto missing = parse_profile(text2, "sd.toml");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("缺少流程 share_request"), std::string::npos) << missing.error().message;
  EXPECT_NE(missing.error().message.find("enabled = false"), std::string::npos);
}

// The grading procedure (Lishui art. 10) runs only where users are graded, and ends in the rating.
TEST(Policy, UserGradingNeedsGradesAndARating) {
  Profile lishui = shipped("lishui");
  ASSERT_NE(lishui.procedure("user_grading"), nullptr);
  EXPECT_EQ(lishui.procedure("user_grading")->stage("rating")->assignee, "authority");
  EXPECT_EQ(shipped("shandong").procedure("user_grading"), nullptr);

  // Shandong does not grade users: enabling the procedure there is refused.
  std::string ungraded = replaced(shipped_text("shandong"), "label = \"用户等级评定\"\nenabled = false",
                                  "label = \"用户等级评定\"\n\n[[procedures.stages]]\nkey = \"submit\"\nlabel = \"提交\"\n"
                                  "assignee = \"applicant\"\nactions = [\"resubmit\", \"withdraw\"]\n\n"
                                  "[[procedures.stages]]\nkey = \"rating\"\nlabel = \"评级\"\nassignee = \"authority\"\n"
                                  "deadline_wd = 15\nactions = [\"approve\", \"reject\"]\n#");
  ASSERT_NE(ungraded, shipped_text("shandong"));
  auto r = parse_profile(ungraded, "sd.toml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("user_grading"), std::string::npos) << r.error().message;

  std::string no_rating = replaced(shipped_text("lishui"), "key = \"rating\"", "key = \"rate\"");
  auto r2 = parse_profile(no_rating, "ls.toml");
  ASSERT_FALSE(r2);
  EXPECT_NE(r2.error().message.find("缺少必需的环节 rating"), std::string::npos) << r2.error().message;
}

TEST(Policy, WrongTypesBadAssigneesNegativeDeadlinesAndUnknownActionsAreRefused) {
  const std::string sd = shipped_text("shandong");
  struct Case {
    std::string from, to, expect;
  };
  const Case cases[] = {
      {"deadline_wd = 5 ", "deadline_wd = \"5\" ", "deadline_wd 应为整数"},
      {"deadline_wd = 5 ", "deadline_wd = -5 ", "deadline_wd 不能为负数"},
      {"deadline_wd = 5 ", "deadline_wd = 5.5 ", "deadline_wd 应为整数"},
      {"anonymous_download = true", "anonymous_download = \"yes\"", "flags.anonymous_download 应为true 或 false"},
      {"assignee = \"authority\"", "assignee = \"bureau\"", "未知的办理方 assignee = \"bureau\""},
      {"actions = [\"approve\", \"return\"]", "actions = [\"approve\", \"ignore\"]", "未知的操作 \"ignore\""},
      {"actions = [\"approve\", \"return\"]", "actions = \"approve\"", "actions 应为字符串数组"},
      {"open_list_due = \"05-31\"", "open_list_due = \"5月31日\"", "open_list_due 应写成 MM-DD"},
      {"not_open = \"不予开放\"", "", "缺少 labels.not_open"},
      {"enabled = false  ", "enabled = 0  ", "enabled 应为true 或 false"},
      {"quarterly_review_rounds = false", "quarterly_review_rounds = true", "rounds"},
      {"user_grades = false", "user_grades = true", "[user_grades]"},
  };
  for (const auto& c : cases) {
    auto r = parse_profile(replaced(sd, c.from, c.to), "sd.toml");
    ASSERT_FALSE(r) << c.to;
    EXPECT_NE(r.error().message.find(c.expect), std::string::npos) << c.to << " → " << r.error().message;
    EXPECT_EQ(r.error().message.rfind("sd.toml：", 0), 0u) << r.error().message;
  }
  auto broken = parse_profile("[profile\n", "x.toml");
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("不是有效的 TOML"), std::string::npos);
}

TEST(Policy, EveryShippedProfileSaysHowUpdatesOfPublishedDataGoAndWhy) {
  // Weifang art. 18 / Zhejiang art. 19: providers update on their cycle; the others review again.
  const std::map<std::string, std::string> expected = {{"weifang", "direct_if_unchanged"},
                                                       {"lishui", "direct_if_unchanged"},
                                                       {"shandong", "review"},
                                                       {"hangzhou", "review"},
                                                       {"yanzhou", "review"}};
  for (const auto& [key, mode] : expected) {
    Profile p = shipped(key);
    const Procedure* pub = p.procedure("publication");
    ASSERT_NE(pub, nullptr) << key;
    EXPECT_EQ(pub->updates, mode) << key;
    EXPECT_FALSE(pub->updates_basis.empty()) << key << ": the setting cites its article";
    const std::string text = shipped_text(key);
    EXPECT_NE(text.find("updates = \"" + mode + "\""), std::string::npos) << key << ": written out, not defaulted";
  }
  EXPECT_NE(shipped("weifang").procedure("publication")->updates_basis.find("第十八条"), std::string::npos);
  EXPECT_EQ(to_json(shipped("lishui")).at("procedures").at(0).at("updates"), "direct_if_unchanged");

  // Without the key: the safe default, review.
  auto plain = parse_profile(replaced(shipped_text("weifang"), "updates = \"direct_if_unchanged\"", ""), "w.toml");
  ASSERT_TRUE(plain) << plain.error().message;
  EXPECT_EQ(plain->procedure("publication")->updates, "review");
  // A wrong value, or the key on another procedure, is refused with the line.
  auto wrong = parse_profile(replaced(shipped_text("weifang"), "updates = \"direct_if_unchanged\"", "updates = \"direct\""),
                             "w.toml");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("updates 应为"), std::string::npos) << wrong.error().message;
  EXPECT_NE(wrong.error().message.find("第 "), std::string::npos) << wrong.error().message;
  auto elsewhere = parse_profile(replaced(shipped_text("weifang"), "label = \"公共数据资源目录变更\"",
                                          "label = \"公共数据资源目录变更\"\nupdates = \"review\""),
                                 "w.toml");
  ASSERT_FALSE(elsewhere);
  EXPECT_NE(elsewhere.error().message.find("只用于流程 publication"), std::string::npos) << elsewhere.error().message;
}

TEST(Policy, FindProfileTakesANameOrAPathAndRefusesOthers) {
  auto by_path = find_profile("/nonexistent", data_dir() + "/policies/lishui.toml");
  ASSERT_TRUE(by_path) << by_path.error().message;
  EXPECT_EQ(by_path->key, "lishui");
  auto unknown = find_profile(data_dir(), "beijing");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("weifang"), std::string::npos) << unknown.error().message;
  EXPECT_FALSE(find_profile(data_dir(), "../policies/weifang"));
  EXPECT_FALSE(find_profile(data_dir(), "/tmp/does-not-exist.toml"));
}

TEST(Policy, TheJsonFormListsProceduresInOrderWithStages) {
  auto j = to_json(shipped("hangzhou"));
  EXPECT_EQ(j.at("labels").at("conditional"), "受限开放");
  EXPECT_EQ(j.at("flags").at("conditional_downloadable"), false);
  const auto& procs = j.at("procedures").as_array();
  ASSERT_EQ(procs.size(), procedure_keys().size());
  EXPECT_EQ(procs.at(0).at("key"), "publication");
  const auto& consult = procs.at(7);
  EXPECT_EQ(consult.at("key"), "consultation");
  EXPECT_EQ(consult.at("stages").at(1).at("deadline_wd"), 5);
  EXPECT_EQ(consult.at("stages").at(1).at("assignee_label"), "主管部门");
  EXPECT_TRUE(j.at("open_list_due").is_null());
}

}  // namespace
}  // namespace kf::policy

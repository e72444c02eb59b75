// Policy profiles (DOMAIN.md §14, issue 6): `kaifang policy list|show|check` as an operator runs
// them, and GET /api/v1/policy on a running server with the default and a configured profile.
#include <sys/wait.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/crypto.h"
#include "harness.h"

namespace kf::test {
namespace {

namespace json = boost::json;

struct Run {
  int code = -1;
  std::string out;  // stdout and stderr together
};

Run kaifang(const std::string& args) {
  std::string cmd = std::string(KAIFANG_BIN) + " " + args + " --data-dir '" + KF_SOURCE_DATA_DIR + "' 2>&1";
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// A copy of a shipped profile with one text replaced, in a fresh temporary file.
std::string edited_copy(const std::string& key, const std::string& from, const std::string& to) {
  std::ifstream in(std::string(KF_SOURCE_DATA_DIR) + "/policies/" + key + ".toml");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  auto path = std::filesystem::temp_directory_path() / ("kf-policy-" + core::random_token(6) + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

TEST(PolicyCli, ListShowsTheFiveShippedProfiles) {
  auto r = kaifang("policy list");
  ASSERT_EQ(r.code, 0) << r.out;
  for (const char* s : {"shandong", "weifang", "lishui", "hangzhou", "yanzhou", "山东省潍坊市", "浙江省丽水市"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  }
}

TEST(PolicyCli, ShowPrintsStagesWithDeadlinesAndAssigneesAsTextOrJson) {
  auto text = kaifang("policy show shandong");
  ASSERT_EQ(text.code, 0) << text.out;
  for (const char* s : {"有条件开放数据申请", "申请材料规范性审查", "5 个工作日", "10 个工作日", "主管部门", "开放主体",
                        "05-31", "咨询（consultation）：不适用"}) {
    EXPECT_NE(text.out.find(s), std::string::npos) << s << "\n" << text.out;
  }
  auto j = kaifang("policy show lishui --format json");
  ASSERT_EQ(j.code, 0) << j.out;
  auto doc = json::parse(j.out).as_object();
  EXPECT_EQ(doc.at("labels").at("conditional"), "受限开放");
  EXPECT_EQ(doc.at("flags").at("user_grades"), true);
  auto by_path = kaifang("policy show '" + std::string(KF_SOURCE_DATA_DIR) + "/policies/hangzhou.toml'");
  ASSERT_EQ(by_path.code, 0) << by_path.out;
  EXPECT_NE(by_path.out.find("我要咨询"), std::string::npos);
  auto unknown = kaifang("policy show beijing");
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.out.find("没有名为「beijing」的政策配置"), std::string::npos) << unknown.out;
}

TEST(PolicyCli, CheckAcceptsAValidFileAndNamesTheFaultOfABrokenOne) {
  auto ok = kaifang("policy check '" + std::string(KF_SOURCE_DATA_DIR) + "/policies/weifang.toml'");
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("配置有效"), std::string::npos) << ok.out;

  std::string typo = edited_copy("weifang", "deadline_wd = 0               # 潍坊办法 第十一条",
                                 "dealine_wd = 0               # 潍坊办法 第十一条");
  auto bad = kaifang("policy check '" + typo + "'");
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.out.find("未知的键 dealine_wd"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("环节 change_review"), std::string::npos) << bad.out;
  EXPECT_EQ(bad.out.find("配置有效"), std::string::npos);

  std::string no_stage = edited_copy("lishui", "key = \"re_review\"", "key = \"recheck\"");
  std::string missing = edited_copy("lishui", "key = \"provider_review\"", "key = \"provider_check\"");
  auto m = kaifang("policy check '" + missing + "'");
  EXPECT_EQ(m.code, 1);
  EXPECT_NE(m.out.find("缺少必需的环节 provider_review"), std::string::npos) << m.out;
  EXPECT_EQ(kaifang("policy check '" + no_stage + "'").code, 0);  // re_review is Lishui's own, not required
  for (const auto& f : {typo, no_stage, missing}) std::filesystem::remove(f);
}

using PolicyApiTest = BackendTest;

TEST_P(PolicyApiTest, TheActiveProfileIsPublicAndFollowsTheConfiguration) {
  {
    TestServer s(GetParam());
    auto r = s.client().get("/api/v1/policy");
    ASSERT_EQ(r.status, 200) << r.body;
    auto doc = r.json();
    EXPECT_EQ(doc.at("key"), "weifang");  // the default: the demo city
    EXPECT_EQ(doc.at("labels").at("conditional"), "有条件开放");
    const auto& procs = doc.at("procedures").as_array();
    ASSERT_FALSE(procs.empty());
    EXPECT_EQ(procs.at(0).at("key"), "publication");
    bool found = false;
    for (const auto& p : procs) {
      if (p.at("key") != "catalog_change") continue;
      for (const auto& st : p.at("stages").as_array()) {
        if (st.at("key") == "change_review") found = st.at("deadline_wd") == 0;  // art. 11 sets none

      }
    }
    EXPECT_TRUE(found) << r.body;
    // Whether the server runs each procedure: the portal lists only those it can start.
    std::map<std::string, bool> available;
    for (const auto& p : procs) available[std::string(p.at("key").as_string())] = p.at("available").as_bool();
    EXPECT_TRUE(available.at("publication"));
    EXPECT_TRUE(available.at("catalog_change"));
    EXPECT_TRUE(available.at("open_list"));
    EXPECT_TRUE(available.at("industry_entry"));
    EXPECT_TRUE(available.at("conditional_application")) << "issue 13 registers the application flow";
    EXPECT_FALSE(available.at("objection")) << "no flow registered yet (issue 15)";
    EXPECT_FALSE(available.at("share_request")) << "no flow registered yet (issue 14)";
    EXPECT_EQ(doc.at("catalog_update_wd"), 15) << "Weifang art. 11: the provider's update of its catalog";
  }
  TestServer z(GetParam(), "[policy]\nprofile = \"lishui\"\n");
  auto r = z.client().get("/api/v1/policy");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json().at("key"), "lishui");
  EXPECT_EQ(r.json().at("flags").at("conditional_downloadable"), false);
  EXPECT_EQ(r.json().at("user_grades").at("apply"), "AA");
}

KF_BACKEND_SUITE(PolicyApiTest);

}  // namespace
}  // namespace kf::test

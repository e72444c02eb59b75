// The `kaifang` command line on SQLite and PostgreSQL: the real binary, as an operator runs it.
#include <sys/wait.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/crypto.h"
#include "db/database.h"
#include "harness.h"

namespace kf::test {
namespace {

struct Run {
  int code = -1;
  std::string out;  // stdout and stderr together
};

Run kaifang(const std::string& args) {
  std::string cmd = std::string(KAIFANG_BIN) + " " + args + " 2>&1";
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

class CliTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    dir_ = std::filesystem::temp_directory_path() / ("kf-cli-" + core::random_token(6));
    std::filesystem::create_directories(dir_);
    if (GetParam() == "postgres") {
      pg_name_ = "kf_cli_" + std::to_string(::getpid());
      auto admin = db::connect(pg_url_or_empty());
      ASSERT_TRUE(admin);
      ASSERT_TRUE((*admin)->exec_script("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)"));
      ASSERT_TRUE((*admin)->exec_script("CREATE DATABASE " + pg_name_));
      std::string url = pg_url_or_empty();
      db_ = url.substr(0, url.rfind('/') + 1) + pg_name_;
      cfg_ = (dir_ / "k.toml").string();
      FILE* f = fopen(cfg_.c_str(), "w");
      fprintf(f, "[security]\nsecret_file = \"%s/secret\"\nargon2_ops = 1\nargon2_mem_kib = 8192\n", dir_.c_str());
      fclose(f);
    } else {
      db_ = "sqlite:" + (dir_ / "var" / "k.db").string();
      cfg_ = (dir_ / "k.toml").string();
      FILE* f = fopen(cfg_.c_str(), "w");
      fprintf(f, "[security]\nargon2_ops = 1\nargon2_mem_kib = 8192\n");
      fclose(f);
    }
  }
  void TearDown() override {
    if (!pg_name_.empty()) {
      if (auto admin = db::connect(pg_url_or_empty())) {
        (void)(*admin)->exec_script("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
      }
    }
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  std::string db() const { return " --db '" + db_ + "' --config '" + cfg_ + "'"; }

  std::filesystem::path dir_;
  std::string db_, cfg_, pg_name_;
};

TEST_P(CliTest, InitIsRepeatableAndUsersAndOrgsCanBeManaged) {
  auto init = kaifang("init" + db() + " --admin-password 'Root-Pass-2026!'");
  ASSERT_EQ(init.code, 0) << init.out;
  EXPECT_NE(init.out.find("创建管理员账号 admin"), std::string::npos);
  auto again = kaifang("init" + db() + " --admin-password 'Other-Pass-2026!'");
  EXPECT_EQ(again.code, 0) << again.out;
  EXPECT_NE(again.out.find("未作改动"), std::string::npos);
  EXPECT_EQ(kaifang("migrate" + db()).code, 0);

  auto org = kaifang("org add 潍坊市交通运输局 --kind provider --level city --region 370700" + db());
  ASSERT_EQ(org.code, 0) << org.out;
  auto bad_region = kaifang("org add 错误区划 --kind provider --level city --region 379999" + db());
  EXPECT_EQ(bad_region.code, 1);
  EXPECT_NE(bad_region.out.find("行政区划代码不存在"), std::string::npos) << bad_region.out;
  auto bad_kind = kaifang("org add X --kind company --level city --region 370700" + db());
  EXPECT_NE(bad_kind.code, 0);

  auto add = kaifang("user add transport --password 'Jiaotong-2026' --role provider --org 潍坊市交通运输局 --commissioner" + db());
  ASSERT_EQ(add.code, 0) << add.out;
  auto weak = kaifang("user add weak --password 'short'" + db());
  EXPECT_EQ(weak.code, 1);
  EXPECT_NE(weak.out.find("密码至少 8 位"), std::string::npos) << weak.out;

  auto list = kaifang("user list --json" + db());
  ASSERT_EQ(list.code, 0) << list.out;
  auto users = boost::json::parse(list.out).as_array();
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[1].at("username"), "transport");
  EXPECT_EQ(users[1].at("orgs").at(0).at("is_commissioner"), true);

  EXPECT_EQ(kaifang("user lock transport" + db()).code, 0);
  EXPECT_NE(kaifang("user list" + db()).out.find("已停用"), std::string::npos);
  EXPECT_EQ(kaifang("user unlock transport" + db()).code, 0);
  EXPECT_EQ(kaifang("user passwd transport --password 'Jiaotong-2027'" + db()).code, 0);
  EXPECT_EQ(kaifang("user passwd nobody --password 'Jiaotong-2027'" + db()).code, 1);

  auto orgs = kaifang("org list --json" + db());
  ASSERT_EQ(orgs.code, 0);
  EXPECT_EQ(boost::json::parse(orgs.out).as_array().at(0).at("region_name"), "潍坊市");
}

TEST_P(CliTest, TheAuthorityImportsDishonestListsAndGradesFromTheCommandLine) {
  ASSERT_EQ(kaifang("init" + db() + " --admin-password 'Root-Pass-2026!'").code, 0);
  auto org = kaifang("org add 潍坊数智科技有限公司 --kind enterprise --level city --region 370700 --credit-code 91370700MA3C4XKQ52" + db());
  ASSERT_EQ(org.code, 0) << org.out;
  auto bad_code = kaifang("org add 某公司 --kind enterprise --level city --region 370700 --credit-code 91370700MA3C4XKQ5X" + db());
  EXPECT_EQ(bad_code.code, 1);
  EXPECT_NE(bad_code.out.find("校验位"), std::string::npos) << bad_code.out;
  auto listed = kaifang("org list --json" + db());
  EXPECT_EQ(boost::json::parse(listed.out).as_array().at(0).at("credit_code"), "91370700MA3C4XKQ52");

  const std::string csv = (dir_ / "list.csv").string();
  std::ofstream(csv) << "企业名称,统一社会信用代码\n潍坊数智科技有限公司,91370700MA3C4XKQ52\n错误,123\n";
  auto imported = kaifang("apply dishonest '" + csv + "' --kind 经营异常 --source 国家企业信用信息公示系统 --listed-on 2026-11-30" + db());
  EXPECT_EQ(imported.code, 3) << "a line was not imported: " << imported.out;
  EXPECT_NE(imported.out.find("已导入 1 条"), std::string::npos) << imported.out;
  EXPECT_NE(imported.out.find("第 3 行"), std::string::npos) << imported.out;
  EXPECT_EQ(imported.out.find("123"), std::string::npos) << "the refused value is not echoed";
  auto grade = kaifang("apply grade --org 潍坊数智科技有限公司 --grade AA" + db());
  EXPECT_EQ(grade.code, 1) << "the default profile does not grade users";
  EXPECT_NE(grade.out.find("不实行用户分级"), std::string::npos) << grade.out;
  auto grants = kaifang("apply grants --json" + db());
  ASSERT_EQ(grants.code, 0) << grants.out;
  EXPECT_EQ(boost::json::parse(grants.out).as_array().size(), 0u);
  auto reevaluations = kaifang("apply reevaluations --json" + db());
  ASSERT_EQ(reevaluations.code, 0) << reevaluations.out;
  EXPECT_TRUE(boost::json::parse(reevaluations.out).as_array().empty()) << "no conditional entry is published yet";
  auto violations = kaifang("apply violations" + db());
  EXPECT_EQ(violations.code, 1) << "the default profile (weifang) does not publish violations";
  EXPECT_NE(violations.out.find("未要求公示违规行为"), std::string::npos) << violations.out;
}

TEST_P(CliTest, CommandsRefuseAnUninitialisedDatabase) {
  auto r = kaifang("user list" + db());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("kaifang init"), std::string::npos) << r.out;
}

KF_BACKEND_SUITE(CliTest);

TEST(Cli, EveryCommandHasHelp) {
  for (const char* cmd : {"", "init", "serve", "migrate", "demo", "version", "user", "user add",
                          "user list", "user passwd", "user lock", "user unlock", "org", "org add",
                          "org list", "entry", "entry list", "entry show", "entry create", "import", "mask",
                          "mask scan", "mask apply"}) {
    auto r = kaifang(std::string(cmd) + " --help");
    EXPECT_EQ(r.code, 0) << cmd;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd;
  }
  auto v = kaifang("version");
  EXPECT_EQ(v.code, 0);
  EXPECT_TRUE(v.out.starts_with("kaifang ")) << v.out;
  auto bad_db = kaifang("user list --db mysql://x");
  EXPECT_NE(bad_db.code, 0);
}

}  // namespace
}  // namespace kf::test

namespace kf::test {
namespace {

TEST(CliMask, ScanSuggestsRulesAndApplyWritesNoRawValues) {
  auto dir = std::filesystem::temp_directory_path() / ("kf-mask-" + core::random_token(6));
  std::filesystem::create_directories(dir);
  {
    std::ofstream csv(dir / "people.csv");
    csv << "姓名,手机号,备注\n";
    const char* names[] = {"张伟", "王芳", "李娜", "刘洋", "陈静"};
    for (int i = 0; i < 5; ++i) csv << names[i] << ",1381234567" << i << ",第" << i << "条\n";
  }
  auto scan = kaifang("mask scan --format json '" + (dir / "people.csv").string() + "'");
  ASSERT_EQ(scan.code, 0) << scan.out;
  auto cols = boost::json::parse(scan.out).as_array();
  ASSERT_EQ(cols.size(), 3u);
  EXPECT_EQ(cols[0].at("kind"), "name");
  EXPECT_EQ(cols[1].at("kind"), "mobile");
  EXPECT_TRUE(cols[2].at("kind").is_null());
  EXPECT_FALSE(cols[1].at("suggested_rule").as_string().empty());

  std::ofstream(dir / "rules.toml") << "[rules]\n\"手机号\" = \"mask(keep_first=3,keep_last=4,char=*)\"\n"
                                       "\"姓名\" = \"mask(keep_first=1,keep_last=0,char=*)\"\n";
  auto out = (dir / "out.csv").string();
  auto applied = kaifang("mask apply --rules '" + (dir / "rules.toml").string() + "' '" + (dir / "people.csv").string() +
                         "' -o '" + out + "'");
  ASSERT_EQ(applied.code, 0) << applied.out;
  std::ifstream in(out);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(text.find("138****5670"), std::string::npos) << text;
  EXPECT_NE(text.find("张*"), std::string::npos);
  for (const char* raw : {"13812345670", "13812345674", "张伟", "陈静"}) EXPECT_EQ(text.find(raw), std::string::npos) << raw;
  auto bad = kaifang("mask apply --rules '" + (dir / "rules.toml").string() + "' '" + (dir / "people.csv").string() +
                     "' -o '" + out + "' --keys /nonexistent");
  EXPECT_NE(bad.code, 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kf::test

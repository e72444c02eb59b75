#include "core/config.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace kf::core {
namespace {

std::string source_dir() {
  if (const char* d = std::getenv("KF_SOURCE_DIR")) return d;
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().string();
}

TEST(Config, TheShippedExampleParsesToTheDefaults) {
  auto c = load_config(source_dir() + "/docs/kaifang.example.toml");
  ASSERT_TRUE(c) << c.error().message;
  Config d;
  EXPECT_EQ(c->server.listen, d.server.listen);
  EXPECT_EQ(c->server.body_limit_bytes, d.server.body_limit_bytes);
  EXPECT_EQ(c->security.lockout_threshold, d.security.lockout_threshold);
  EXPECT_EQ(c->security.argon2_mem_kib, d.security.argon2_mem_kib);
  EXPECT_EQ(c->rate_limit.burst, d.rate_limit.burst);
  EXPECT_EQ(c->access.download, d.access.download);
  EXPECT_EQ(c->access.preview_rows, d.access.preview_rows);
  EXPECT_EQ(c->storage.dir, d.storage.dir);
  auto storage = parse_config("[storage]\ndir = \"/srv/kaifang\"\n");
  ASSERT_TRUE(storage) << storage.error().message;
  EXPECT_EQ(storage->storage.dir, "/srv/kaifang");
  EXPECT_FALSE(c->testing.allow_test_clock);
  auto testing = parse_config("[testing]\nallow_test_clock = true\n");
  ASSERT_TRUE(testing) << testing.error().message;
  EXPECT_TRUE(testing->testing.allow_test_clock);
}

TEST(Config, UnknownKeysAndTablesAreRefusedByName) {
  auto key = parse_config("[server]\nlisten = \"0.0.0.0:80\"\nlisen = 1\n");
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().message, "未知的配置项 server.lisen");
  auto table = parse_config("[sever]\nlisten = \"x\"\n");
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().message, "未知的配置节 [sever]");
}

TEST(Config, WrongTypesAndBrokenTomlAreRefused) {
  auto type = parse_config("[security]\nlockout_minutes = \"ten\"\n");
  ASSERT_FALSE(type);
  EXPECT_NE(type.error().message.find("security.lockout_minutes"), std::string::npos);
  auto broken = parse_config("[server\n");
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("TOML"), std::string::npos);
  auto zero = parse_config("[server]\nio_threads = 0\n");
  EXPECT_FALSE(zero);
}

TEST(Config, TheDownloadRuleIsOneOfThreeAndThePreviewBounded) {
  auto c = parse_config("[access]\ndownload = \"verified\"\npreview_rows = 10\n");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->access.download, "verified");
  EXPECT_TRUE(c->access.require_licence);
  auto bad = parse_config("[access]\ndownload = \"everyone\"\n");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("anonymous、registered 或 verified"), std::string::npos);
  EXPECT_FALSE(parse_config("[access]\npreview_rows = 1000\n"));
}

TEST(Config, ThePolicyProfileDefaultsToWeifangAndTakesANameOrAPath) {
  auto d = parse_config("");
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->policy.profile, "weifang");
  auto c = parse_config("[policy]\nprofile = \"lishui\"\n");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->policy.profile, "lishui");
  auto unknown = parse_config("[policy]\nprofil = \"lishui\"\n");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "未知的配置项 policy.profil");
  EXPECT_FALSE(parse_config("[policy]\nprofile = 3\n"));
  EXPECT_FALSE(parse_config("[policy]\nprofile = \"\"\n"));
  auto shipped = load_config(source_dir() + "/docs/kaifang.example.toml");
  ASSERT_TRUE(shipped) << shipped.error().message;
  EXPECT_EQ(shipped->policy.profile, PolicyConfig{}.profile);
}

TEST(Config, DottedKeysOverrideSingleValues) {
  auto c = parse_config("security.lockout_minutes = 30\nserver.web_root = \"web/dist\"\n");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->security.lockout_minutes, 30);
  EXPECT_EQ(c->server.web_root, "web/dist");
}

}  // namespace
}  // namespace kf::core

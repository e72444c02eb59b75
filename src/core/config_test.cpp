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
  EXPECT_EQ(c->jobs.threads, d.jobs.threads);
  EXPECT_EQ(c->jobs.lease_s, d.jobs.lease_s);
  EXPECT_EQ(c->jobs.poll_ms, d.jobs.poll_ms);
  auto jobs = parse_config("[jobs]\nthreads = 0\nlease_s = 2\npoll_ms = 50\n");
  ASSERT_TRUE(jobs) << jobs.error().message;
  EXPECT_EQ(jobs->jobs.threads, 0);
  EXPECT_EQ(jobs->jobs.lease_s, 2);
  EXPECT_FALSE(parse_config("[jobs]\nlease_s = 0\n"));
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

TEST(Config, SmtpSecurityAndAuthentication) {
  auto c = parse_config(
      "[smtp]\nhost = \"smtp.example.gov.cn\"\nport = 587\nsecurity = \"starttls\"\nusername = \"kaifang\"\n"
      "password_file = \"/etc/kaifang/smtp.password\"\nca_file = \"/etc/ssl/certs/gov-ca.pem\"\n");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->smtp.port, 587);
  EXPECT_EQ(c->smtp.security, "starttls");
  EXPECT_EQ(c->smtp.username, "kaifang");
  EXPECT_EQ(c->smtp.password_file, "/etc/kaifang/smtp.password");
  EXPECT_EQ(c->smtp.ca_file, "/etc/ssl/certs/gov-ca.pem");
  EXPECT_TRUE(c->smtp.tls_verify);
  auto tls = parse_config("[smtp]\nhost = \"h\"\nsecurity = \"tls\"\ntls_verify = false\n");
  ASSERT_TRUE(tls) << tls.error().message;
  EXPECT_EQ(tls->smtp.port, 465) << "implicit TLS defaults to port 465";
  EXPECT_FALSE(tls->smtp.tls_verify);
  EXPECT_EQ(parse_config("[smtp]\nsecurity = \"tls\"\nport = 2465\n")->smtp.port, 2465);
  EXPECT_EQ(parse_config("")->smtp.security, "none");

  auto bad = parse_config("[smtp]\nsecurity = \"ssl\"\n");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "smtp.security 应为 none、starttls 或 tls");
  auto clear = parse_config("[smtp]\nusername = \"u\"\npassword_file = \"/p\"\n");
  ASSERT_FALSE(clear) << "credentials over a clear connection are refused";
  EXPECT_NE(clear.error().message.find("smtp.username 需要加密连接"), std::string::npos);
  auto nofile = parse_config("[smtp]\nsecurity = \"tls\"\nusername = \"u\"\n");
  ASSERT_FALSE(nofile);
  EXPECT_NE(nofile.error().message.find("smtp.password_file"), std::string::npos);
  auto inline_password = parse_config("[smtp]\npassword = \"secret\"\n");
  ASSERT_FALSE(inline_password) << "no password in the main config";
  EXPECT_EQ(inline_password.error().message, "未知的配置项 smtp.password");
}

TEST(Config, SmsCommandAndTimeout) {
  EXPECT_TRUE(parse_config("")->sms.command.empty());
  auto c = parse_config("[sms]\ncommand = \"/usr/local/bin/send-sms\"\ntimeout_s = 20\n");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->sms.command, "/usr/local/bin/send-sms");
  EXPECT_EQ(c->sms.timeout_s, 20);
  EXPECT_FALSE(parse_config("[sms]\ncommand = \"send-sms\"\n")) << "an absolute path";
  EXPECT_FALSE(parse_config("[sms]\ntimeout_s = 0\n"));
}

}  // namespace
}  // namespace kf::core

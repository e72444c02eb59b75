// The SMS hook: a script written by the test stands in for the deployment's gateway command and
// records what it was given.
#include "notify/sms.h"

#include "core/config.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace kf::notify {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class SmsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/kf-sms-test.XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes an executable /bin/sh script and returns its path.
  std::string script(const std::string& name, const std::string& body) {
    fs::path p = dir_ / name;
    std::ofstream(p) << "#!/bin/sh\n" << body;
    ::chmod(p.c_str(), 0755);
    return p.string();
  }

  fs::path dir_;
};

constexpr const char* kPhone = "13800138000";
constexpr const char* kText = "【开放平台】您提交的“公交线路”数据开放申请已受理，请登录查看。";

void expect_private(const Error& e) {
  for (const std::string& s : {e.message, e.detail}) {
    EXPECT_EQ(s.find(kPhone), std::string::npos) << s;
    EXPECT_EQ(s.find("公交线路"), std::string::npos) << s;
  }
}

TEST_F(SmsTest, TheCommandGetsPhoneAndTextAsJsonOnStdinAndNoArguments) {
  auto cmd = script("send-sms", "echo \"$#\" > '" + (dir_ / "argc").string() + "'\ncat > '" +
                                    (dir_ / "stdin").string() + "'\necho 'sent to the gateway'\necho oops >&2\n");
  CommandSmsSender sms(cmd, 10);
  auto r = sms.send(kPhone, kText);
  ASSERT_TRUE(r) << r.error().message << " / " << r.error().detail;
  EXPECT_EQ(slurp(dir_ / "argc"), "0\n") << "nothing on the command line, where ps would show it";
  auto doc = boost::json::parse(slurp(dir_ / "stdin")).as_object();
  EXPECT_EQ(doc.at("phone").as_string(), kPhone);
  EXPECT_EQ(doc.at("text").as_string(), kText);
  EXPECT_EQ(doc.size(), 2u);
}

TEST_F(SmsTest, AFailingGatewayIsAnErrorWithoutTheNumberOrText) {
  CommandSmsSender sms(script("send-sms", "cat >/dev/null\nexit 3\n"), 10);
  auto r = sms.send(kPhone, kText);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::unavailable);
  EXPECT_NE(r.error().message.find("退出码 3"), std::string::npos) << r.error().message;
  expect_private(r.error());
}

TEST_F(SmsTest, AHangingGatewayIsKilledAtTheTimeout) {
  // The script's child (sleep) must die with it: the sender kills the whole process group.
  auto pidfile = (dir_ / "sleep.pid").string();
  CommandSmsSender sms(script("send-sms", "sleep 60 &\necho $! > '" + pidfile + "'\nwait\n"), 1);
  auto r = sms.send(kPhone, kText);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("超时"), std::string::npos) << r.error().message;
  expect_private(r.error());
  pid_t sleeper = std::stoi(slurp(pidfile));
  // Killed with SIGKILL; it may linger as a zombie until its new parent reaps it, so look at its
  // state rather than at whether it exists (and give the kernel a moment to finish the kill).
  std::string state = "?";
  for (int i = 0; i < 200; ++i) {
    std::string stat = slurp("/proc/" + std::to_string(sleeper) + "/stat");
    state = stat.empty() ? "gone" : stat.substr(stat.rfind(')') + 2, 1);
    if (state == "gone" || state == "Z" || state == "X") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(state == "gone" || state == "Z" || state == "X") << "the gateway's child still runs: " << state;
}

TEST_F(SmsTest, AGatewayThatIgnoresItsInputDoesNotHurtTheServer) {
  // Exits at once without reading: writing the input must not raise SIGPIPE in this process.
  CommandSmsSender sms(script("send-sms", "exit 0\n"), 10);
  std::string long_text(kMaxSmsBytes, 'x');
  EXPECT_TRUE(sms.send(kPhone, long_text));
}

TEST_F(SmsTest, BadNumbersTextsAndCommandsAreRefused) {
  CommandSmsSender sms(script("send-sms", "cat >/dev/null\n"), 10);
  for (const char* phone : {"", "1380013800a", "-13800138000", "138 0013 8000", "+", "123"}) {
    auto r = sms.send(phone, kText);
    ASSERT_FALSE(r) << phone;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  }
  EXPECT_TRUE(sms.send("+8613800138000", "ok"));
  EXPECT_FALSE(sms.send(kPhone, ""));
  EXPECT_FALSE(sms.send(kPhone, std::string(kMaxSmsBytes + 1, 'x')));
  EXPECT_FALSE(sms.send(kPhone, "\xE4\xBD")) << "truncated UTF-8";
  EXPECT_FALSE(sms.send(kPhone, "\xC0\xAF")) << "overlong UTF-8";

  CommandSmsSender missing((dir_ / "no-such-command").string(), 10);
  auto r = missing.send(kPhone, kText);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::unavailable);
  expect_private(r.error());
}

TEST(SmsConfig, AnEmptyCommandMeansNoSms) {
  EXPECT_EQ(make_sms_sender(core::SmsConfig{}), nullptr);
  EXPECT_NE(make_sms_sender(core::SmsConfig{"/usr/local/bin/send-sms", 5}), nullptr);
}

}  // namespace
}  // namespace kf::notify

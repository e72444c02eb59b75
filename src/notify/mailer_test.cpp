// SmtpMailer against a real SMTP server: nodemailer's smtp-server (tests/mail/smtp-server.mjs),
// started by the suite with a self-signed certificate made here by openssl. Skipped when node,
// openssl or tests/mail/node_modules (scripts/install-deps.sh) is missing.
#include "notify/mailer.h"

#include "core/config.h"

#include <boost/json.hpp>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

extern char** environ;

namespace kf::notify {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUser = "kaifang";
constexpr const char* kPassword = "口令-Test-123";  // as in tests/mail/smtp-server.mjs
constexpr const char* kWrongPassword = "Wrong-口令-999";

std::string source_dir() {
  if (const char* d = std::getenv("KF_SOURCE_DIR")) return d;
  return fs::path(__FILE__).parent_path().parent_path().parent_path().string();
}

std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string d; std::getline(dirs, d, ':');) {
    fs::path p = fs::path(d) / name;
    if (::access(p.c_str(), X_OK) == 0) return p.string();
  }
  return {};
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string base64_decode(std::string_view in) {
  std::string out;
  unsigned buf = 0;
  int bits = 0;
  for (char c : in) {
    int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
            : c == '+' ? 62 : c == '/' ? 63 : -1;
    if (v < 0) continue;
    buf = (buf << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xFF);
    }
  }
  return out;
}

// The decoded Subject of a raw message: its RFC 2047 B-encoded words, unfolded and joined.
std::string decoded_subject(const std::string& raw) {
  auto start = raw.find("\r\nSubject: ");
  if (start == std::string::npos) return "<no subject>";
  auto end = start + 2;
  while ((end = raw.find("\r\n", end)) != std::string::npos && (raw[end + 2] == ' ' || raw[end + 2] == '\t')) end += 2;
  std::string header = raw.substr(start + 11, end - start - 11);
  std::string out;
  for (std::size_t p = 0; (p = header.find("=?UTF-8?B?", p)) != std::string::npos;) {
    auto q = header.find("?=", p + 10);
    out += base64_decode(header.substr(p + 10, q - p - 10));
    p = q + 2;
  }
  return out;
}

class MailerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string node = find_program("node");
    std::string openssl = find_program("openssl");
    fs::path script = fs::path(source_dir()) / "tests/mail/smtp-server.mjs";
    if (node.empty()) return skip("node not found");
    if (openssl.empty()) return skip("openssl not found");
    if (!fs::exists(script.parent_path() / "node_modules/smtp-server")) {
      return skip("tests/mail/node_modules missing (run scripts/install-deps.sh or npm ci in tests/mail)");
    }
    char tmpl[] = "/tmp/kf-mail-test.XXXXXX";
    if (!::mkdtemp(tmpl)) return skip("mkdtemp failed");
    dir_ = tmpl;
    fs::create_directory(dir_ / "out");
    // The server's certificate (its own CA, for 127.0.0.1) and an unrelated one: the wrong CA.
    for (const std::string name : {"server", "other"}) {
      std::string cmd = openssl + " req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -keyout '" +
                        (dir_ / (name + ".key")).string() + "' -out '" + (dir_ / (name + ".pem")).string() +
                        "' -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1";
      if (std::system(cmd.c_str()) != 0) return skip("openssl req failed");
    }
    std::ofstream(dir_ / "password") << kPassword << "\n";
    std::ofstream(dir_ / "wrong-password") << kWrongPassword << "\n";

    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) return skip("pipe failed");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    std::vector<std::string> args = {node, script.string(), (dir_ / "server.pem").string(),
                                     (dir_ / "server.key").string(), (dir_ / "out").string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int rc = ::posix_spawn(&server_pid_, node.c_str(), &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    ::close(in[0]);
    ::close(out[1]);
    server_stdin_ = in[1];
    if (rc != 0) {
      ::close(out[0]);
      server_pid_ = -1;
      return skip("cannot start node");
    }
    // The first line of its output: {"starttls": port, ...}.
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{out[0], POLLIN, 0};
      if (::poll(&p, 1, 500) <= 0) continue;
      char buf[512];
      ssize_t n = ::read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    boost::system::error_code ec;
    auto doc = boost::json::parse(line, ec);
    if (ec || !doc.is_object()) {
      failure_ = "smtp-server.mjs did not print its ports: " + line;
      return;
    }
    for (const auto& [k, v] : doc.as_object()) ports_[std::string(k)] = static_cast<unsigned short>(v.to_number<int>());
  }

  static void TearDownTestSuite() {
    if (server_stdin_ >= 0) ::close(server_stdin_);  // the script exits when its input closes
    server_stdin_ = -1;
    if (server_pid_ > 0) {
      ::kill(server_pid_, SIGTERM);
      ::waitpid(server_pid_, nullptr, 0);
      server_pid_ = -1;
    }
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  static void skip(std::string why) { skip_ = std::move(why); }

  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
    ASSERT_TRUE(failure_.empty()) << failure_;
  }

  // A configuration for one of the listeners, authenticating with the right password.
  static MailConfig config(const std::string& listener, MailSecurity security) {
    MailConfig c;
    c.host = "127.0.0.1";
    c.port = ports_.at(listener);
    c.from = "noreply@kaifang.test";
    c.timeout_s = 15;
    c.security = security;
    c.username = kUser;
    c.password_file = (dir_ / "password").string();
    c.ca_file = (dir_ / "server.pem").string();
    return c;
  }

  // The raw message (with the X-Test-* lines the server adds) that was addressed to `to`.
  static std::string message_to(const std::string& to) {
    for (const auto& f : fs::directory_iterator(dir_ / "out")) {
      if (f.path().extension() != ".eml") continue;
      std::string m = slurp(f.path());
      if (m.find("X-Test-Envelope-To: " + to + "\r\n") != std::string::npos) return m;
    }
    return {};
  }

  // The authentication attempts recorded by the server on one listener, from the `skip`th on (the
  // tests share one server when the binary runs them all in one process).
  static std::vector<std::string> auth_attempts(const std::string& listener, std::size_t skip = 0) {
    std::vector<std::string> out;
    std::stringstream log(slurp(dir_ / "out/auth.log"));
    std::string prefix = std::to_string(ports_.at(listener)) + " ";
    for (std::string line; std::getline(log, line);) {
      if (line.starts_with(prefix)) out.push_back(line.substr(prefix.size()));
    }
    out.erase(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(std::min(skip, out.size())));
    return out;
  }

  static void expect_no_secrets(const Error& e, const std::string& to) {
    for (const std::string& s : {e.message, e.detail}) {
      EXPECT_EQ(s.find(to), std::string::npos) << s;
      EXPECT_EQ(s.find(kPassword), std::string::npos) << s;
      EXPECT_EQ(s.find(kWrongPassword), std::string::npos) << s;
    }
  }

  static inline std::string skip_, failure_;
  static inline fs::path dir_;
  static inline pid_t server_pid_ = -1;
  static inline int server_stdin_ = -1;
  static inline std::map<std::string, unsigned short> ports_;
};

const std::string kSubject = "【待办】潍坊市公共交通线路数据目录的发布审核：请在十个工作日内完成规范性审查";
const std::string kBody = "您好：\n“公交线路”数据的发布申请已提交，请审核。\n.以点开头的一行\n开放平台\n";

TEST_F(MailerTest, StartTlsWithAuthPlainDeliversTheMessage) {
  auto before = auth_attempts("starttls").size();
  SmtpMailer mailer(config("starttls", MailSecurity::starttls));
  auto r = mailer.send("plain@weifang.test", kSubject, kBody);
  ASSERT_TRUE(r) << r.error().message << " / " << r.error().detail;
  std::string m = message_to("plain@weifang.test");
  ASSERT_FALSE(m.empty());
  EXPECT_NE(m.find("X-Test-Secure: true\r\n"), std::string::npos) << "sent after STARTTLS";
  EXPECT_NE(m.find("X-Test-User: kaifang\r\n"), std::string::npos);
  EXPECT_EQ(decoded_subject(m), kSubject);
  EXPECT_EQ(m.find(kSubject), std::string::npos) << "the subject travels encoded (RFC 2047)";
  for (std::size_t p = 0; (p = m.find("=?UTF-8?B?", p)) != std::string::npos; p = m.find("?=", p) + 2) {
    EXPECT_LE(m.find("?=", p) + 2 - p, 75u) << "an encoded-word is at most 75 characters";
  }
  EXPECT_NE(m.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(m.find("“公交线路”数据的发布申请已提交，请审核。\r\n.以点开头的一行\r\n开放平台\r\n"), std::string::npos)
      << "the body, dot-stuffing undone by the server: " << m;
  EXPECT_EQ(auth_attempts("starttls", before), std::vector<std::string>{"PLAIN kaifang ok"});
}

TEST_F(MailerTest, AuthLoginWhenTheServerOffersOnlyLogin) {
  auto before = auth_attempts("login").size();
  SmtpMailer mailer(config("login", MailSecurity::starttls));
  auto r = mailer.send("login@weifang.test", kSubject, kBody);
  ASSERT_TRUE(r) << r.error().message << " / " << r.error().detail;
  EXPECT_EQ(decoded_subject(message_to("login@weifang.test")), kSubject);
  EXPECT_EQ(auth_attempts("login", before), std::vector<std::string>{"LOGIN kaifang ok"});
}

TEST_F(MailerTest, ImplicitTls) {
  auto before = auth_attempts("tls").size();
  SmtpMailer mailer(config("tls", MailSecurity::tls));
  auto r = mailer.send("tls@weifang.test", "隐式 TLS", "正文\n");
  ASSERT_TRUE(r) << r.error().message << " / " << r.error().detail;
  std::string m = message_to("tls@weifang.test");
  EXPECT_NE(m.find("X-Test-Secure: true\r\n"), std::string::npos) << m;
  EXPECT_EQ(decoded_subject(m), "隐式 TLS");
  EXPECT_EQ(auth_attempts("tls", before), std::vector<std::string>{"PLAIN kaifang ok"});
}

TEST_F(MailerTest, AWrongPasswordGivesAClearErrorWithoutThePassword) {
  auto before = auth_attempts("tls").size();
  auto c = config("tls", MailSecurity::tls);
  c.password_file = (dir_ / "wrong-password").string();
  SmtpMailer mailer(c);
  auto r = mailer.send("wrongpw@weifang.test", kSubject, kBody);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::unavailable);
  EXPECT_NE(r.error().message.find("邮件服务器拒绝登录（535）"), std::string::npos) << r.error().message;
  expect_no_secrets(r.error(), "wrongpw@weifang.test");
  EXPECT_TRUE(message_to("wrongpw@weifang.test").empty());
  EXPECT_EQ(auth_attempts("tls", before), std::vector<std::string>{"PLAIN kaifang fail"});
}

TEST_F(MailerTest, NoCredentialsOverAnUnencryptedConnection) {
  // The "plain" listener would accept AUTH in clear text and record it: nothing may arrive.
  auto c = config("plain", MailSecurity::none);
  auto r = SmtpMailer(c).send("clear@weifang.test", kSubject, kBody);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("拒绝以明文发送口令"), std::string::npos) << r.error().message;
  // STARTTLS required but not offered (an attacker may strip it): no downgrade either.
  r = SmtpMailer(config("plain", MailSecurity::starttls)).send("stripped@weifang.test", kSubject, kBody);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("未提供 STARTTLS"), std::string::npos) << r.error().message;
  EXPECT_TRUE(auth_attempts("plain").empty());
  EXPECT_TRUE(message_to("clear@weifang.test").empty());
  EXPECT_TRUE(message_to("stripped@weifang.test").empty());
  // And the configuration refuses it before the server starts.
  core::SmtpConfig smtp;
  smtp.host = "127.0.0.1";
  smtp.username = kUser;
  smtp.password_file = (dir_ / "password").string();
  auto mc = mail_config(smtp);
  ASSERT_FALSE(mc);
  EXPECT_EQ(mc.error().code, ErrorCode::invalid_argument);
}

TEST_F(MailerTest, TheCertificateIsVerifiedUnlessTlsVerifyIsOff) {
  auto before = auth_attempts("starttls").size();
  auto c = config("starttls", MailSecurity::starttls);
  c.ca_file = (dir_ / "other.pem").string();
  auto r = SmtpMailer(c).send("wrongca@weifang.test", kSubject, kBody);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("证书未通过验证"), std::string::npos) << r.error().message;
  EXPECT_TRUE(auth_attempts("starttls", before).empty()) << "no AUTH after a failed handshake";
  EXPECT_TRUE(message_to("wrongca@weifang.test").empty());

  c.ca_file.clear();  // the system's trust store does not know a self-signed certificate either
  r = SmtpMailer(c).send("systemca@weifang.test", kSubject, kBody);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("证书未通过验证"), std::string::npos) << r.error().message;

  auto name = config("tls", MailSecurity::tls);
  name.host = "localhost";  // the certificate names 127.0.0.1 only
  r = SmtpMailer(name).send("wrongname@weifang.test", kSubject, kBody);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("证书未通过验证"), std::string::npos) << r.error().message;

  c.tls_verify = false;  // an internal relay with a self-signed certificate
  r = SmtpMailer(c).send("noverify@weifang.test", kSubject, kBody);
  ASSERT_TRUE(r) << r.error().message << " / " << r.error().detail;
  EXPECT_FALSE(message_to("noverify@weifang.test").empty());
  EXPECT_EQ(auth_attempts("starttls", before), std::vector<std::string>{"PLAIN kaifang ok"});
}

TEST_F(MailerTest, ARefusedRecipientIsNotNamedInTheError) {
  // The server's reply echoes the address; the error must not.
  auto r = SmtpMailer(config("starttls", MailSecurity::starttls)).send("reject.me@weifang.test", kSubject, kBody);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("RCPT TO"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("550"), std::string::npos) << r.error().message;
  expect_no_secrets(r.error(), "reject.me@weifang.test");
}

TEST_F(MailerTest, WithoutAuthTheServerRefusesTheSender) {
  auto c = config("starttls", MailSecurity::starttls);
  c.username.clear();
  auto r = SmtpMailer(c).send("noauth@weifang.test", kSubject, kBody);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("MAIL FROM"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace kf::notify

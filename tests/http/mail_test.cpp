// Workflow notifications by e-mail (issue 6): with [smtp] configured, each new notification of
// a user with an address is mailed once through the relay. A fake SMTP relay records the dialogue.
#include <boost/asio.hpp>
#include <openssl/evp.h>

#include <mutex>
#include <thread>

#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
namespace asio = boost::asio;
using MailTest = BackendTest;

// Accepts connections one after another, answers a minimal SMTP dialogue and keeps each message.
class FakeRelay {
 public:
  FakeRelay() : acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeRelay() {
    stop_ = true;
    asio::ip::tcp::socket poke(io_);
    boost::system::error_code ec;
    poke.connect(acceptor_.local_endpoint(), ec);
    thread_.join();
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  std::vector<std::string> messages() {
    std::lock_guard lock(mu_);
    return messages_;
  }

 private:
  void serve() {
    while (!stop_) {
      asio::ip::tcp::socket s(io_);
      boost::system::error_code ec;
      acceptor_.accept(s, ec);
      if (ec || stop_) return;
      auto write = [&](const std::string& line) { asio::write(s, asio::buffer(line), ec); };
      asio::streambuf buf;
      write("220 fake ESMTP\r\n");
      std::string data;
      bool in_data = false;
      while (!ec) {
        asio::read_until(s, buf, "\r\n", ec);
        if (ec) break;
        std::istream in(&buf);
        std::string line;
        std::getline(in, line);
        if (in_data) {
          if (line == ".\r") {
            in_data = false;
            std::lock_guard lock(mu_);
            messages_.push_back(data);
            write("250 queued\r\n");
          } else {
            data += line + "\n";
          }
          continue;
        }
        if (line.starts_with("DATA")) {
          in_data = true;
          data.clear();
          write("354 go ahead\r\n");
        } else if (line.starts_with("QUIT")) {
          write("221 bye\r\n");
          break;
        } else {
          write("250 ok\r\n");
        }
      }
    }
  }
  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<std::string> messages_;
  std::thread thread_;
};

TEST_P(MailTest, NotificationsAreMailedOnceToUsersWithAnAddress) {
  FakeRelay relay;
  TestServer s(GetParam(), "smtp.host = \"127.0.0.1\"\nsmtp.port = " + std::to_string(relay.port()) +
                               "\nsmtp.from = \"noreply@kaifang.test\"\n");
  CatalogWorld w(s);
  auto bureau = s.runtime().access->create_user(
      {"bureau", TestServer::kPassword, std::nullopt, std::string("bureau@weifang.test"), {"authority"}});
  ASSERT_TRUE(bureau);
  Client provider = w.login("transport");
  Client admin = w.login("admin");
  auto e = CatalogWorld::entry("ML-1", "邮件通知样例", {CatalogWorld::field("线路", "text", true)});
  ASSERT_EQ(provider.post("/api/v1/entries", e).status, 201);
  auto job = w.upload(provider, "ML-1", "l.csv", "线路\nK1\n");
  ASSERT_EQ(provider.post("/api/v1/entries/ML-1/submit", {{"version_id", job.at("version_id").as_int64()}}).status, 201);

  auto tick = admin.post("/api/v1/workflow/tick", json::object{});
  ASSERT_EQ(tick.status, 200) << tick.body;
  EXPECT_EQ(tick.json().at("mailed"), 1) << "the bureau has an address; the provider staff have none";
  auto mails = relay.messages();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].find("To: <bureau@weifang.test>"), std::string::npos) << mails[0];
  EXPECT_NE(mails[0].find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(mails[0].find("规范性"), std::string::npos) << "the body names the stage";
  EXPECT_EQ(admin.post("/api/v1/workflow/tick", json::object{}).json().at("mailed"), 0) << "once";
  EXPECT_EQ(relay.messages().size(), 1u);
  EXPECT_EQ(captured_log().find("bureau@weifang.test"), std::string::npos) << "addresses stay out of the log";
}

// RFC 2047 "B" encoding of a short UTF-8 text (one encoded-word).
std::string encoded_word(const std::string& utf8) {
  std::string out(4 * ((utf8.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(utf8.data()), static_cast<int>(utf8.size()));
  out.resize(static_cast<std::size_t>(n));
  return "=?UTF-8?B?" + out + "?=";
}

// Issue 12 item 7: e-mails come from the deployment's portal ([brand]) and say whom to ask.
TEST_P(MailTest, MailsComeFromTheDeploymentsPortal) {
  FakeRelay relay;
  TestServer s(GetParam(), "smtp.host = \"127.0.0.1\"\nsmtp.port = " + std::to_string(relay.port()) +
                               "\nsmtp.from = \"noreply@weifang.example\"\n"
                               "brand.name = \"潍坊市公共数据开放平台\"\nbrand.url = \"https://data.weifang.example\"\n"
                               "brand.contact.bureau = \"潍坊市大数据局\"\nbrand.contact.phone = \"0536-0000000\"\n");
  CatalogWorld w(s);
  auto bureau = s.runtime().access->create_user(
      {"bureau", TestServer::kPassword, std::nullopt, std::string("bureau@weifang.test"), {"authority"}});
  ASSERT_TRUE(bureau);
  Client provider = w.login("transport");
  auto e = CatalogWorld::entry("ML-2", "署名样例", {CatalogWorld::field("线路", "text", true)});
  ASSERT_EQ(provider.post("/api/v1/entries", e).status, 201);
  auto job = w.upload(provider, "ML-2", "l.csv", "线路\nK1\n");
  ASSERT_EQ(provider.post("/api/v1/entries/ML-2/submit", {{"version_id", job.at("version_id").as_int64()}}).status, 201);
  ASSERT_EQ(w.login("admin").post("/api/v1/workflow/tick", json::object{}).json().at("mailed"), 1);
  auto mails = relay.messages();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].find("From: " + encoded_word("潍坊市公共数据开放平台") + " <noreply@weifang.example>"),
            std::string::npos)
      << mails[0];
  EXPECT_NE(mails[0].find("—— 潍坊市公共数据开放平台\r\n请登录平台查看和办理：https://data.weifang.example\r\n"
                          "咨询：潍坊市大数据局 0536-0000000\r\n"),
            std::string::npos)
      << mails[0];
}

KF_BACKEND_SUITE(MailTest);

}  // namespace
}  // namespace kf::test

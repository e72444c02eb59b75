#include "notify/mailer.h"

#include <boost/asio.hpp>
#include <fmt/format.h>

#include <chrono>
#include <ctime>

namespace kf::notify {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

// RFC 2047 encoded-word: the subject is Chinese.
std::string encode_header(const std::string& utf8) {
  static constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < utf8.size(); i += 3) {
    unsigned n = static_cast<unsigned char>(utf8[i]) << 16;
    if (i + 1 < utf8.size()) n |= static_cast<unsigned char>(utf8[i + 1]) << 8;
    if (i + 2 < utf8.size()) n |= static_cast<unsigned char>(utf8[i + 2]);
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += i + 1 < utf8.size() ? kB64[(n >> 6) & 63] : '=';
    out += i + 2 < utf8.size() ? kB64[n & 63] : '=';
  }
  return "=?UTF-8?B?" + out + "?=";
}

// The body with CRLF line ends and leading dots doubled (RFC 5321 4.5.2).
std::string dot_stuffed(const std::string& body) {
  std::string out;
  bool line_start = true;
  for (char c : body) {
    if (c == '\r') continue;
    if (line_start && c == '.') out += '.';
    if (c == '\n') {
      out += "\r\n";
      line_start = true;
    } else {
      out += c;
      line_start = false;
    }
  }
  if (!line_start) out += "\r\n";
  return out;
}

bool plain_address(const std::string& a) {
  return !a.empty() && a.size() < 255 && a.find_first_of("\r\n<>") == std::string::npos && a.find('@') != std::string::npos;
}

}  // namespace

Result<void> SmtpMailer::send(const std::string& to, const std::string& subject, const std::string& body) {
  if (cfg_.host.empty()) return kf::ok();
  if (!plain_address(to)) return Error::invalid("收件地址无效", "email");
  asio::io_context io;
  tcp::socket sock(io);
  asio::streambuf buf;
  std::string failure;
  // Every step is bounded by one deadline for the whole dialogue.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(cfg_.timeout_s);
  auto run = [&](auto&& start) -> boost::system::error_code {
    boost::system::error_code result = asio::error::would_block;
    start(result);
    io.restart();
    io.run_until(deadline);
    if (result == asio::error::would_block) {
      sock.close();
      io.run();
      return asio::error::timed_out;
    }
    return result;
  };
  auto reply = [&](int expect) -> Result<void> {
    for (;;) {
      auto ec = run([&](boost::system::error_code& r) {
        asio::async_read_until(sock, buf, "\r\n", [&r](boost::system::error_code e, std::size_t) { r = e; });
      });
      if (ec) return Error::unavailable("邮件服务器无应答", ec.message());
      std::istream in(&buf);
      std::string line;
      std::getline(in, line);
      if (line.size() < 3) return Error::unavailable("邮件服务器应答无效");
      if (line.size() > 3 && line[3] == '-') continue;  // multi-line reply
      int code = std::atoi(line.substr(0, 3).c_str());
      if (code != expect) return Error::unavailable(fmt::format("邮件服务器拒绝（{}）", code));
      return kf::ok();
    }
  };
  auto say = [&](const std::string& line, int expect) -> Result<void> {
    auto ec = run([&](boost::system::error_code& r) {
      asio::async_write(sock, asio::buffer(line), [&r](boost::system::error_code e, std::size_t) { r = e; });
    });
    if (ec) return Error::unavailable("无法发送邮件", ec.message());
    return reply(expect);
  };
  tcp::resolver resolver(io);
  boost::system::error_code rec;
  auto endpoints = resolver.resolve(cfg_.host, std::to_string(cfg_.port), rec);
  if (rec) return Error::unavailable("无法解析邮件服务器地址", rec.message());
  auto ec = run([&](boost::system::error_code& r) {
    asio::async_connect(sock, endpoints, [&r](boost::system::error_code e, const tcp::endpoint&) { r = e; });
  });
  if (ec) return Error::unavailable("无法连接邮件服务器", ec.message());
  KF_TRY(reply(220));
  KF_TRY(say("HELO kaifang\r\n", 250));
  KF_TRY(say("MAIL FROM:<" + cfg_.from + ">\r\n", 250));
  KF_TRY(say("RCPT TO:<" + to + ">\r\n", 250));
  KF_TRY(say("DATA\r\n", 354));
  std::time_t now = std::time(nullptr);
  char date[64];
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", std::gmtime(&now));
  std::string message = "From: <" + cfg_.from + ">\r\nTo: <" + to + ">\r\nSubject: " + encode_header(subject) +
                        "\r\nDate: " + date +
                        "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
                        dot_stuffed(body) + ".\r\n";
  KF_TRY(say(message, 250));
  (void)say("QUIT\r\n", 221);
  return kf::ok();
}

}  // namespace kf::notify

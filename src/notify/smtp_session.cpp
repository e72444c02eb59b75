#include "notify/smtp_session.h"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <cstdlib>
#include <istream>

namespace kf::notify::detail {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using asio::ip::tcp;

namespace {
constexpr std::size_t kMaxReplyBytes = 64 * 1024;  // a longer reply is refused, not buffered
constexpr std::size_t kMaxReplyLines = 100;
}  // namespace

SmtpSession::SmtpSession(const MailConfig& cfg)
    : cfg_(cfg),
      ctx_(ssl::context::tls_client),
      stream_(io_, ctx_),
      buf_(kMaxReplyBytes),
      deadline_(std::chrono::steady_clock::now() + std::chrono::seconds(cfg.timeout_s)) {}

// Runs one asynchronous operation until it completes or the dialogue's deadline passes; on the
// deadline the socket is closed, which cancels the operation.
template <typename Start>
boost::system::error_code SmtpSession::run(Start&& start) {
  boost::system::error_code result = asio::error::would_block;
  start(result);
  io_.restart();
  io_.run_until(deadline_);
  if (result == asio::error::would_block) {
    boost::system::error_code ignored;
    stream_.next_layer().close(ignored);
    io_.restart();
    io_.run();
    return asio::error::timed_out;
  }
  return result;
}

Result<void> SmtpSession::connect() {
  tcp::resolver resolver(io_);
  boost::system::error_code rec;
  auto endpoints = resolver.resolve(cfg_.host, std::to_string(cfg_.port), rec);
  if (rec) return Error::unavailable("无法解析邮件服务器地址", rec.message());
  auto ec = run([&](boost::system::error_code& r) {
    asio::async_connect(stream_.next_layer(), endpoints,
                        [&r](boost::system::error_code e, const tcp::endpoint&) { r = e; });
  });
  if (ec) return Error::unavailable("无法连接邮件服务器", ec.message());
  if (cfg_.security == MailSecurity::tls) return handshake();
  return kf::ok();
}

Result<void> SmtpSession::start_tls() {
  if (buf_.size() != 0) return Error::unavailable("邮件服务器在 STARTTLS 之后发送了多余的数据，已中止");
  return handshake();
}

Result<void> SmtpSession::handshake() {
  SSL* ssl_handle = stream_.native_handle();
  SSL_set_min_proto_version(ssl_handle, TLS1_2_VERSION);
  boost::system::error_code addr_ec;
  auto addr = asio::ip::make_address(cfg_.host, addr_ec);
  if (addr_ec) SSL_set_tlsext_host_name(ssl_handle, cfg_.host.c_str());  // SNI for names only
  if (cfg_.tls_verify) {
    boost::system::error_code ec;
    if (cfg_.ca_file.empty()) {
      ctx_.set_default_verify_paths(ec);
    } else {
      ctx_.load_verify_file(cfg_.ca_file, ec);
    }
    if (ec) return Error::unavailable("无法读取验证邮件服务器证书所用的 CA 证书文件", ec.message());
    // OpenSSL's own name check, so that a mismatch is reported as such by the verify result.
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl_handle);
    if (addr_ec) {
      X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
      SSL_set1_host(ssl_handle, cfg_.host.c_str());
    } else {
      X509_VERIFY_PARAM_set1_ip_asc(param, addr.to_string().c_str());
    }
    stream_.set_verify_mode(ssl::verify_peer);
  } else {
    stream_.set_verify_mode(ssl::verify_none);
  }
  auto ec = run([&](boost::system::error_code& r) {
    stream_.async_handshake(ssl::stream_base::client, [&r](boost::system::error_code e) { r = e; });
  });
  if (ec) {
    long verify = SSL_get_verify_result(ssl_handle);
    if (cfg_.tls_verify && verify != X509_V_OK) {
      return Error::unavailable(
          "邮件服务器的证书未通过验证（请检查 smtp.ca_file 与 smtp.host；内部中继使用自签名证书时可设 "
          "smtp.tls_verify = false）",
          X509_verify_cert_error_string(verify));
    }
    return Error::unavailable("与邮件服务器的 TLS 握手失败", ec.message());
  }
  encrypted_ = true;
  return kf::ok();
}

Result<Reply> SmtpSession::read_reply() {
  Reply reply;
  for (;;) {
    auto ec = run([&](boost::system::error_code& r) {
      auto done = [&r](boost::system::error_code e, std::size_t) { r = e; };
      if (encrypted_) {
        asio::async_read_until(stream_, buf_, "\r\n", done);
      } else {
        asio::async_read_until(stream_.next_layer(), buf_, "\r\n", done);
      }
    });
    if (ec == asio::error::not_found) return Error::unavailable("邮件服务器应答过长");
    if (ec) return Error::unavailable("邮件服务器无应答", ec.message());
    std::istream in(&buf_);
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() < 3 || (line.size() > 3 && line[3] != '-' && line[3] != ' ')) {
      return Error::unavailable("邮件服务器应答无效");
    }
    int code = std::atoi(line.substr(0, 3).c_str());
    if (code < 200 || code > 599) return Error::unavailable("邮件服务器应答无效");
    if (reply.code != 0 && code != reply.code) return Error::unavailable("邮件服务器应答无效");
    reply.code = code;
    reply.lines.push_back(line.size() > 4 ? line.substr(4) : std::string());
    if (line.size() > 3 && line[3] == '-') {
      if (reply.lines.size() >= kMaxReplyLines) return Error::unavailable("邮件服务器应答过长");
      continue;
    }
    return reply;
  }
}

Result<void> SmtpSession::write(const std::string& bytes) {
  auto ec = run([&](boost::system::error_code& r) {
    auto done = [&r](boost::system::error_code e, std::size_t) { r = e; };
    if (encrypted_) {
      asio::async_write(stream_, asio::buffer(bytes), done);
    } else {
      asio::async_write(stream_.next_layer(), asio::buffer(bytes), done);
    }
  });
  if (ec) return Error::unavailable("无法向邮件服务器发送数据", ec.message());
  return kf::ok();
}

Result<Reply> SmtpSession::command(const std::string& line) {
  KF_TRY(write(line));
  return read_reply();
}

std::string SmtpSession::local_address_literal() const {
  boost::system::error_code ec;
  auto ep = stream_.next_layer().local_endpoint(ec);
  if (ec) return "[127.0.0.1]";
  auto a = ep.address();
  if (a.is_v6()) {
    if (a.to_v6().is_v4_mapped()) return "[" + asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6()).to_string() + "]";
    return "[IPv6:" + a.to_string() + "]";
  }
  return "[" + a.to_string() + "]";
}

}  // namespace kf::notify::detail

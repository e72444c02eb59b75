// The transport of one SMTP dialogue (private to the notify module): a TCP connection that can
// be upgraded to TLS, reading replies and sending commands, all bounded by one deadline.
#pragma once

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "core/error.h"
#include "notify/mailer.h"

namespace kf::notify::detail {

struct Reply {
  int code = 0;
  std::vector<std::string> lines;  // text after the code of every line, CR LF removed
};

// Not thread-safe; one per message. Errors are `unavailable` with Chinese messages; details hold
// transport errors only, never what was sent.
class SmtpSession {
 public:
  explicit SmtpSession(const MailConfig& cfg);

  // Resolves and connects; with MailSecurity::tls also performs the TLS handshake.
  Result<void> connect();
  // The TLS handshake on the open connection (after a 220 answer to STARTTLS). Refuses when the
  // server sent anything after that answer (RFC 3207 §5: such data could have been injected).
  Result<void> start_tls();
  bool encrypted() const { return encrypted_; }

  // Reads one (possibly multi-line) reply.
  Result<Reply> read_reply();
  // Writes `line` (which must end in CR LF) and reads the reply.
  Result<Reply> command(const std::string& line);
  // Writes bytes and reads no reply (e.g. the message body of DATA is followed by its reply).
  Result<void> write(const std::string& bytes);

  // "[a.b.c.d]" or "[IPv6:…]": the local address as an EHLO argument (RFC 5321 §4.1.4).
  std::string local_address_literal() const;

 private:
  template <typename Start>
  boost::system::error_code run(Start&& start);
  Result<void> handshake();

  const MailConfig& cfg_;
  boost::asio::io_context io_;
  boost::asio::ssl::context ctx_;
  boost::asio::ssl::stream<boost::asio::ip::tcp::socket> stream_;
  boost::asio::streambuf buf_;
  std::chrono::steady_clock::time_point deadline_;
  bool encrypted_ = false;
};

}  // namespace kf::notify::detail

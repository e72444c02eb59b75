// E-mail of notifications: an SMTP client (RFC 5321, EHLO) for the relay of a government network
// or a mail provider, with STARTTLS (RFC 3207) or implicit TLS (port 465 style) through OpenSSL,
// server certificates verified against the system's or a configured CA file, and authentication
// (AUTH PLAIN or LOGIN, RFC 4954, whichever the server offers; credentials only ever go over an
// encrypted connection).
#pragma once

#include <string>

#include "core/error.h"

namespace kf::core {
struct SmtpConfig;
}  // namespace kf::core

namespace kf::notify {

enum class MailSecurity {
  none,      // clear text; no credentials may be configured
  starttls,  // STARTTLS is required: a server that does not offer it is refused (no downgrade)
  tls,       // TLS from the first byte (port 465)
};

struct MailConfig {
  std::string host;  // empty: no e-mail
  unsigned short port = 25;
  std::string from;  // envelope and header sender
  std::string from_name;  // the sender's display name (the platform's name, [brand] name); empty: none
  int timeout_s = 10;  // the whole dialogue of one message
  MailSecurity security = MailSecurity::none;
  std::string username;       // empty: no AUTH
  std::string password_file;  // the password is the file's first line; read at every send so a
                              // changed password needs no restart; never logged nor in errors
  std::string ca_file;        // PEM CA certificates; empty: the system's trust store
  bool tls_verify = true;     // false: any certificate is accepted (self-signed internal relay)
};

// The [smtp] settings as a MailConfig. invalid_argument when they are inconsistent (unknown
// security, a username without encryption or without password_file) or when password_file cannot
// be read, so that `serve` refuses to start rather than fail at the first message.
Result<MailConfig> mail_config(const core::SmtpConfig& smtp);

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Sends one plain-text UTF-8 message. Implementations must be safe to call from several threads.
  virtual Result<void> send(const std::string& to, const std::string& subject, const std::string& body) = 0;
};

// Sends through the configured server, one connection per message (thread-safe: nothing is shared
// between calls). Errors are `unavailable` (or `invalid_argument` for a malformed address), with
// Chinese messages that name the failing step and SMTP reply code; neither message nor detail ever
// contains the recipient's address (personal data), the server's reply text (which may echo it)
// or the password. With a username, send() refuses before connecting when the configuration is
// not encrypted, and after connecting when the server offers no STARTTLS or no PLAIN / LOGIN.
class SmtpMailer final : public Mailer {
 public:
  explicit SmtpMailer(MailConfig cfg) : cfg_(std::move(cfg)) {}
  Result<void> send(const std::string& to, const std::string& subject, const std::string& body) override;

 private:
  MailConfig cfg_;
};

}  // namespace kf::notify

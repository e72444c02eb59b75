// E-mail for workflow notifications (issue 6: "notifications to an in-app inbox, and e-mail
// through SMTP when configured"). A plain SMTP client (RFC 5321) for the relay a government
// network provides inside its own network; no authentication, no TLS (use a local relay such
// as Postfix for anything further).
#pragma once

#include <string>

#include "core/error.h"

namespace kf::notify {

struct MailConfig {
  std::string host;  // empty: no e-mail
  unsigned short port = 25;
  std::string from;  // envelope and header sender
  int timeout_s = 10;
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual Result<void> send(const std::string& to, const std::string& subject, const std::string& body) = 0;
};

// Sends through the configured relay, one connection per message. Errors never contain the
// recipient's address (it is personal data).
class SmtpMailer final : public Mailer {
 public:
  explicit SmtpMailer(MailConfig cfg) : cfg_(std::move(cfg)) {}
  Result<void> send(const std::string& to, const std::string& subject, const std::string& body) override;

 private:
  MailConfig cfg_;
};

}  // namespace kf::notify

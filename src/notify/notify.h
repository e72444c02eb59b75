// Notifications (issue 11 item 4): the in-app inbox every module writes to, and delivery of new
// messages by e-mail (and SMS when a gateway is plugged in). Modules never write the
// `notifications` table themselves: they call send(), inside their own transaction when the
// message must commit with their work.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "db/database.h"

namespace kf::notify {

class Mailer;
class SmsSender;

// What a message says and what it is about.
struct Message {
  std::optional<std::int64_t> case_id;  // the case it concerns, if any
  std::string subject_code;             // what it is about (an entry's code, a case's subject)
  std::string kind;   // assigned | reminder | overdue | escalated | returned | approved | … | dataset_updated
  std::string title;
  std::string body;
};

struct Notification {
  std::int64_t id = 0;
  std::optional<std::int64_t> case_id;
  std::string kind;
  std::string title;
  std::string body;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> read_at;
  std::string subject_code;
};

// Who the messages come from: the deployment's brand ([brand] in the configuration) as e-mail and
// SMS show it. The defaults are the neutral platform's.
struct Signature {
  std::string platform = "公共数据开放平台";  // the sign-off of e-mails
  std::string short_name = "数据开放";        // the SMS prefix 【…】
  std::string url;                            // the portal's address, named in e-mails when set
  std::string contact;                        // one line, e.g. "潍坊市大数据局 0536-…"; empty: none
};

class Notifier {
 public:
  // `pool` and `clock` must outlive the notifier.
  Notifier(db::Pool& pool, const core::Clock& clock);

  // One inbox message for each of `users` (duplicates sent once), written in `tx`: it exists
  // exactly when the caller's work commits.
  Result<void> send(db::Tx& tx, const std::vector<std::int64_t>& users, const Message& m);
  // The same in a transaction of its own.
  Result<void> send(const std::vector<std::int64_t>& users, const Message& m);

  // The user's newest 200 messages, newest first.
  Result<std::vector<Notification>> inbox(std::int64_t user_id, bool unread_only);
  // not_found when the message is not the user's.
  Result<void> mark_read(std::int64_t user_id, std::int64_t notification_id);

  // E-mail: a user's address, looked up when a message is delivered (nullopt: none).
  using AddressOf = std::function<std::optional<std::string>(std::int64_t user_id)>;
  // Set once while wiring, before the notifier is shared between threads.
  void set_mailer(std::shared_ptr<Mailer> mailer, AddressOf email_of);
  bool has_mailer() const { return mailer_ != nullptr; }
  // SMS: a user's mobile number (nullopt: none). Only messages that ask someone to act or say a
  // deadline passed are texted (assigned, overdue, escalated, correction). Set once while wiring.
  void set_sms(std::shared_ptr<SmsSender> sms, AddressOf phone_of);
  // The sign-off of e-mails and the SMS prefix. Set once while wiring.
  void set_signature(Signature s) { signature_ = std::move(s); }
  // The text an e-mail of `body` carries: the body, then the signature's sign-off.
  std::string mail_body(const std::string& body) const;
  // Mails (and texts) the messages of the last day not sent yet to users with an address, each
  // once (claimed by a conditional UPDATE, so several processes may run it); returns how many
  // e-mails were sent. Failures are logged without the address and not retried.
  Result<int> deliver();

 private:
  db::Pool& pool_;
  const core::Clock& clock_;
  Result<int> deliver_sms();

  Signature signature_;
  std::shared_ptr<Mailer> mailer_;
  AddressOf email_of_;
  std::shared_ptr<SmsSender> sms_;
  AddressOf phone_of_;
};

std::vector<db::Migration> migrations();

boost::json::object notification_to_json(const Notification& n);

}  // namespace kf::notify

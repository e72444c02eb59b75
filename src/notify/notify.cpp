#include "notify/notify.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/clock.h"
#include "core/log.h"
#include "notify/mailer.h"
#include "notify/sms.h"

namespace kf::notify {

namespace json = boost::json;

namespace {

constexpr const char* kInsert =
    "INSERT INTO notifications (user_id, case_id, subject_code, kind, title, body, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kInbox =
    "SELECT id, case_id, kind, title, body, created_at, read_at, subject_code FROM notifications "
    "WHERE user_id = ?";
constexpr const char* kMarkRead =
    "UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?";
constexpr const char* kUnmailed =
    "SELECT id, user_id, title, body FROM notifications WHERE mailed_at IS NULL AND created_at > ? "
    "ORDER BY id LIMIT 500";
constexpr const char* kClaimMail = "UPDATE notifications SET mailed_at = ? WHERE id = ? AND mailed_at IS NULL";
constexpr const char* kUntexted =
    "SELECT id, user_id, title FROM notifications WHERE texted_at IS NULL AND created_at > ? "
    "AND kind IN ('assigned', 'overdue', 'escalated', 'correction') ORDER BY id LIMIT 500";
constexpr const char* kClaimText = "UPDATE notifications SET texted_at = ? WHERE id = ? AND texted_at IS NULL";

std::optional<std::int64_t> opt_int(const db::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.int64(i);
}

}  // namespace

Notifier::Notifier(db::Pool& pool, const core::Clock& clock) : pool_(pool), clock_(clock) {}

Result<void> Notifier::send(db::Tx& tx, const std::vector<std::int64_t>& users, const Message& m) {
  std::vector<std::int64_t> unique = users;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  const std::int64_t now = clock_.now_ms();
  for (auto u : unique) {
    // (The case id is built per row, not copied from one variable: GCC 12's release build sees
    // a maybe-uninitialised string in the copied variant.)
    KF_TRY(tx->query(kInsert, {u, m.case_id ? db::Value(*m.case_id) : db::Value{}, m.subject_code, m.kind,
                               m.title, m.body, now}));
  }
  return kf::ok();
}

Result<void> Notifier::send(const std::vector<std::int64_t>& users, const Message& m) {
  KF_ASSIGN(auto conn, pool_.acquire());
  return db::with_tx(*conn, [&](db::Tx& tx) { return send(tx, users, m); });
}

Result<std::vector<Notification>> Notifier::inbox(std::int64_t user_id, bool unread_only) {
  KF_ASSIGN(auto conn, pool_.acquire());
  KF_ASSIGN(auto rs, conn->query(std::string(kInbox) + (unread_only ? " AND read_at IS NULL" : "") +
                                     " ORDER BY id DESC LIMIT 200",
                                 {user_id}));
  std::vector<Notification> out;
  for (const auto& r : rs.rows) {
    out.push_back({r.int64(0), opt_int(r, 1), r.text(2), r.text(3), r.text(4), r.int64(5), opt_int(r, 6), r.text(7)});
  }
  return out;
}

Result<void> Notifier::mark_read(std::int64_t user_id, std::int64_t notification_id) {
  KF_ASSIGN(auto conn, pool_.acquire());
  KF_ASSIGN(auto rs, conn->query(kMarkRead, {clock_.now_ms(), notification_id, user_id}));
  if (rs.affected == 0) return Error::not_found("消息不存在");
  return kf::ok();
}

void Notifier::set_mailer(std::shared_ptr<Mailer> mailer, AddressOf email_of) {
  mailer_ = std::move(mailer);
  email_of_ = std::move(email_of);
}

void Notifier::set_sms(std::shared_ptr<SmsSender> sms, AddressOf phone_of) {
  sms_ = std::move(sms);
  phone_of_ = std::move(phone_of);
}

Result<int> Notifier::deliver_sms() {
  if (!sms_) return 0;
  const std::int64_t now = clock_.now_ms();
  KF_ASSIGN(auto conn, pool_.acquire());
  KF_ASSIGN(auto rs, conn->query(kUntexted, {now - 24LL * 3600 * 1000}));
  int sent = 0;
  for (const auto& r : rs.rows) {
    KF_ASSIGN(auto claim, conn->query(kClaimText, {now, r.int64(0)}));
    if (claim.affected != 1) continue;
    auto to = phone_of_ ? phone_of_(r.int64(1)) : std::nullopt;
    if (!to || to->empty()) continue;
    auto ok = sms_->send(*to, "【" + signature_.short_name + "】" + r.text(2) + "，请登录平台办理。");
    if (!ok) {
      spdlog::warn("{{\"event\":\"sms_failed\",\"notification_id\":{},\"user_id\":{},\"error\":\"{}\"}}", r.int64(0),
                   r.int64(1), core::json_escape(ok.error().message));
      continue;
    }
    ++sent;
  }
  return sent;
}

std::string Notifier::mail_body(const std::string& body) const {
  std::string out = body + "\n\n—— " + signature_.platform + "\n";
  out += signature_.url.empty() ? "请登录平台查看和办理。\n" : "请登录平台查看和办理：" + signature_.url + "\n";
  if (!signature_.contact.empty()) out += "咨询：" + signature_.contact + "\n";
  return out;
}

Result<int> Notifier::deliver() {
  KF_TRY(deliver_sms());
  if (!mailer_) return 0;
  const std::int64_t now = clock_.now_ms();
  KF_ASSIGN(auto conn, pool_.acquire());
  KF_ASSIGN(auto rs, conn->query(kUnmailed, {now - 24LL * 3600 * 1000}));
  int sent = 0;
  for (const auto& r : rs.rows) {
    KF_ASSIGN(auto claim, conn->query(kClaimMail, {now, r.int64(0)}));
    if (claim.affected != 1) continue;
    auto to = email_of_ ? email_of_(r.int64(1)) : std::nullopt;
    if (!to || to->empty()) continue;
    auto ok = mailer_->send(*to, r.text(2), mail_body(r.text(3)));
    if (!ok) {
      spdlog::warn("{{\"event\":\"mail_failed\",\"notification_id\":{},\"user_id\":{},\"error\":\"{}\"}}", r.int64(0),
                   r.int64(1), core::json_escape(ok.error().message));
      continue;
    }
    ++sent;
  }
  return sent;
}

std::vector<db::Migration> migrations() {
  return {
      // Text messages are claimed like e-mails: each message is texted once, by one process.
      {700, "notify: SMS delivery of notifications", R"sql(
ALTER TABLE notifications ADD COLUMN texted_at BIGINT;
)sql"},
  };
}

json::object notification_to_json(const Notification& n) {
  return {{"id", n.id},
          {"case_id", n.case_id ? json::value(*n.case_id) : json::value(nullptr)},
          {"subject_code", n.subject_code},
          {"kind", n.kind},
          {"title", n.title},
          {"body", n.body},
          {"created_at", core::iso8601(n.created_at)},
          {"read", n.read_at.has_value()}};
}

}  // namespace kf::notify

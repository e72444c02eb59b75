#include "usercentre/usercentre.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace kf::usercentre {

namespace json = boost::json;

namespace {

// Table names come from this switch only, never from input.
const char* table_of(Follow kind) { return kind == Follow::favourite ? "favourites" : "subscriptions"; }

std::optional<std::int64_t> opt_int(const db::Row& r, std::size_t i) {
  return r.is_null(i) ? std::nullopt : std::optional<std::int64_t>(r.int64(i));
}

// The entry's name from its description document (docs/entry-format.md: `name`).
std::string name_of_doc(const std::string& doc) {
  boost::system::error_code ec;
  auto v = json::parse(doc, ec);
  if (ec || !v.is_object()) return {};
  const auto* name = v.as_object().if_contains("name");
  return name && name->is_string() ? std::string(name->as_string()) : std::string();
}

Error unknown_entry() { return Error::not_found("数据集不存在或尚未开放"); }

// The id of an entry by code, in whatever state; not_found when there is none.
Result<std::int64_t> entry_id(db::Connection& c, const std::string& code) {
  KF_ASSIGN(auto rs, c.query("SELECT id FROM catalog_entries WHERE code = ?", {code}));
  if (rs.rows.empty()) return Error::not_found("数据集不存在");
  return rs.rows[0].int64(0);
}

}  // namespace

UserCentreService::UserCentreService(db::Pool& pool, const core::Clock& clock, catalog::CatalogService& catalog,
                                     notify::Notifier& notifier)
    : pool_(pool), clock_(clock), catalog_(catalog), notifier_(notifier) {}

Result<void> UserCentreService::record_download(std::int64_t user_id, const std::string& entry_code,
                                                const std::string& entry_name, std::int64_t version_id,
                                                const std::string& format, std::int64_t rows) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_TRY(c->query("INSERT INTO download_history (user_id, entry_code, entry_name, version_id, format, row_count, at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
                  {user_id, entry_code, entry_name, version_id, format, rows, clock_.now_ms()}));
  return kf::ok();
}

Result<DownloadPage> UserCentreService::downloads(std::int64_t user_id, int page, int size) {
  DownloadPage out;
  out.page = std::max(page, 1);
  out.size = std::clamp(size, 1, 100);
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto n, c->query("SELECT COUNT(*) FROM download_history WHERE user_id = ?", {user_id}));
  out.total = n.rows.empty() ? 0 : n.rows[0].int64(0);
  KF_ASSIGN(auto rs, c->query("SELECT h.id, h.entry_code, h.entry_name, h.version_id, v.number, h.format, h.row_count, h.at "
                              "FROM download_history h LEFT JOIN dataset_versions v ON v.id = h.version_id "
                              "WHERE h.user_id = ? ORDER BY h.at DESC, h.id DESC LIMIT ? OFFSET ?",
                              {user_id, std::int64_t{out.size},
                               static_cast<std::int64_t>(out.page - 1) * out.size}));
  for (const auto& r : rs.rows) {
    DownloadRecord d{r.int64(0), r.text(1), r.text(2), r.int64(3), std::nullopt, r.text(5), r.int64(6), r.int64(7)};
    if (!r.is_null(4)) d.version_number = static_cast<int>(r.int64(4));
    out.items.push_back(std::move(d));
  }
  return out;
}

Result<FollowedEntry> UserCentreService::follow(std::int64_t user_id, Follow kind, const std::string& code) {
  // Only what the public may read can be followed: published entries.
  auto e = catalog_.get(nullptr, code);
  if (!e) {
    if (e.error().code == ErrorCode::not_found) return unknown_entry();
    return e.error();
  }
  if (e->state != "published") return unknown_entry();
  const std::int64_t now = clock_.now_ms();
  KF_ASSIGN(auto c, pool_.acquire());
  KF_TRY(c->query(fmt::format("INSERT INTO {} (user_id, entry_id, created_at) VALUES (?, ?, ?) "
                              "ON CONFLICT (user_id, entry_id) DO NOTHING",
                              table_of(kind)),
                  {user_id, e->id, now}));
  KF_ASSIGN(auto rs, c->query(fmt::format("SELECT created_at FROM {} WHERE user_id = ? AND entry_id = ?", table_of(kind)),
                              {user_id, e->id}));
  FollowedEntry f{e->meta.code, e->meta.name, e->provider_name, e->state, now, e->data_updated_at};
  if (!rs.rows.empty()) f.since = rs.rows[0].int64(0);
  return f;
}

Result<void> UserCentreService::unfollow(std::int64_t user_id, Follow kind, const std::string& code) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto id, entry_id(*c, code));
  KF_TRY(c->query(fmt::format("DELETE FROM {} WHERE user_id = ? AND entry_id = ?", table_of(kind)), {user_id, id}));
  return kf::ok();
}

Result<std::vector<FollowedEntry>> UserCentreService::followed(std::int64_t user_id, Follow kind) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query(fmt::format("SELECT e.code, e.doc, o.name, e.state, f.created_at, e.data_updated_at "
                                          "FROM {} f JOIN catalog_entries e ON e.id = f.entry_id "
                                          "JOIN orgs o ON o.id = e.provider_id "
                                          "WHERE f.user_id = ? ORDER BY f.created_at DESC, f.id DESC LIMIT 1000",
                                          table_of(kind)),
                              {user_id}));
  std::vector<FollowedEntry> out;
  out.reserve(rs.rows.size());
  for (const auto& r : rs.rows) {
    out.push_back({r.text(0), name_of_doc(r.text(1)), r.text(2), r.text(3), r.int64(4), opt_int(r, 5)});
  }
  return out;
}

Result<FollowState> UserCentreService::state(std::int64_t user_id, const std::string& code) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("SELECT "
                              "(SELECT COUNT(*) FROM favourites f WHERE f.user_id = ? AND f.entry_id = e.id), "
                              "(SELECT COUNT(*) FROM subscriptions s WHERE s.user_id = ? AND s.entry_id = e.id) "
                              "FROM catalog_entries e WHERE e.code = ?",
                              {user_id, user_id, code}));
  FollowState s;
  if (!rs.rows.empty()) {
    s.favourite = rs.rows[0].int64(0) > 0;
    s.subscribed = rs.rows[0].int64(1) > 0;
  }
  return s;
}

Result<int> UserCentreService::notify_subscribers(const catalog::Entry& e, std::int64_t version_id) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto v, c->query("SELECT number, row_count FROM dataset_versions WHERE id = ? AND entry_id = ?",
                             {version_id, e.id}));
  if (v.rows.empty()) return Error::not_found("数据版本不存在");
  const std::string title = fmt::format("数据集更新：{}", e.meta.name);
  const std::string body = fmt::format("您订阅的数据集「{}」（编码 {}）发布了新版本：第 {} 版，共 {} 条记录。",
                                       e.meta.name, e.meta.code, v.rows[0].int64(0), v.rows[0].int64(1));
  KF_ASSIGN(auto subs, c->query("SELECT user_id FROM subscriptions WHERE entry_id = ? ORDER BY user_id", {e.id}));
  std::vector<std::int64_t> users;
  for (const auto& r : subs.rows) users.push_back(r.int64(0));
  KF_TRY(notifier_.send(users, notify::Message{std::nullopt, e.meta.code, std::string(kDatasetUpdated), title, body}));
  return static_cast<int>(users.size());
}

void UserCentreService::on_version_published(const catalog::Entry& e, std::int64_t version_id) {
  auto n = notify_subscribers(e, version_id);
  if (!n) {
    spdlog::warn("{{\"event\":\"subscribers_not_notified\",\"entry\":\"{}\",\"version_id\":{},\"error\":\"{}\"}}",
                 e.meta.code, version_id, n.error().message);
  }
}

json::object to_json(const FollowedEntry& f) {
  return {{"code", f.code},
          {"name", f.name},
          {"provider_name", f.provider},
          {"state", f.state},
          {"available", f.available()},
          {"since", core::iso8601(f.since)},
          {"data_updated_at", f.data_updated_at ? json::value(core::iso8601(*f.data_updated_at)) : json::value(nullptr)}};
}

json::object to_json(const DownloadRecord& d) {
  return {{"id", d.id},
          {"entry_code", d.entry_code},
          {"entry_name", d.entry_name},
          {"version_id", d.version_id},
          {"version_number", d.version_number ? json::value(*d.version_number) : json::value(nullptr)},
          {"format", d.format},
          {"rows", d.rows},
          {"at", core::iso8601(d.at)}};
}

}  // namespace kf::usercentre

#include <fmt/format.h>

#include <algorithm>

#include <spdlog/spdlog.h>

#include "access/service.h"
#include "core/id_number.h"

namespace kf::access {
namespace {

constexpr std::string_view kUserColumns =
    "id, username, phone, email, real_name_masked, verified_at, disabled, locked_until, created_at, "
    "licence_version, licence_accepted_at";

User user_from_row(const db::Row& r) {
  User u;
  u.id = r.int64(0);
  u.username = r.text(1);
  u.phone = r.opt_text(2);
  u.email = r.opt_text(3);
  u.real_name_masked = r.opt_text(4);
  u.real_name_verified = !r.is_null(5);
  u.disabled = r.int64(6) != 0;
  u.locked_until = r.int64(7);
  u.created_at = r.int64(8);
  u.licence_version = r.opt_text(9);
  if (!r.is_null(10)) u.licence_accepted_at = r.int64(10);
  return u;
}

}  // namespace

AccessService::AccessService(db::Pool& pool, const core::Clock& clock,
                             const core::RegionTable& regions, AccessConfig config)
    : pool_(pool), clock_(clock), regions_(regions), cfg_(std::move(config)) {
  auto h = core::hash_password("kaifang-timing-equaliser", cfg_.password_cost);
  if (h) dummy_hash_ = *h;
}

AccessService::~AccessService() {
  try {
    if (auto r = flush_calls(); !r) spdlog::warn("could not write API call counts at exit: {}", r.error().detail);
  } catch (...) {  // a destructor must not throw; the counts are statistics
  }
}

Result<void> AccessService::fill_user_details(db::Connection& c, User& u) {
  KF_ASSIGN(auto roles, c.query("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role", {u.id}));
  u.roles.clear();
  for (const auto& r : roles.rows) u.roles.push_back(r.text(0));
  KF_ASSIGN(auto orgs, c.query("SELECT m.org_id, o.name, m.is_cdo, m.is_commissioner "
                               "FROM memberships m JOIN orgs o ON o.id = m.org_id "
                               "WHERE m.user_id = ? ORDER BY m.org_id",
                               {u.id}));
  u.orgs.clear();
  for (const auto& r : orgs.rows) {
    u.orgs.push_back({r.int64(0), r.text(1), r.int64(2) != 0, r.int64(3) != 0});
  }
  return kf::ok();
}

Result<User> AccessService::load_user(db::Connection& c, std::int64_t id) {
  KF_ASSIGN(auto rs, c.query(fmt::format("SELECT {} FROM users WHERE id = ?", kUserColumns), {id}));
  if (rs.rows.empty()) return Error::not_found("用户不存在");
  User u = user_from_row(rs.rows[0]);
  KF_TRY(fill_user_details(c, u));
  return u;
}

Result<User> AccessService::create_user(const NewUser& nu) {
  KF_TRY(check_username(nu.username));
  KF_TRY(check_password(nu.password, nu.username));
  if (nu.phone && !nu.phone->empty()) KF_TRY(check_phone(*nu.phone));
  if (nu.email && !nu.email->empty()) KF_TRY(check_email(*nu.email));
  if (nu.roles.empty()) return Error::invalid("至少需要一个角色", "roles");
  for (const auto& r : nu.roles) {
    if (!is_role(r)) return Error::invalid(fmt::format("未知角色：{}", r), "roles");
  }
  KF_ASSIGN(std::string hash, core::hash_password(nu.password, cfg_.password_cost));
  KF_ASSIGN(auto c, pool_.acquire());
  std::int64_t id = 0;
  auto opt = [](const std::optional<std::string>& s) -> db::Value {
    if (!s || s->empty()) return db::null();
    return *s;
  };
  KF_TRY(db::transaction(*c, [&]() -> Result<void> {
    KF_ASSIGN(auto exists, c->query("SELECT 1 FROM users WHERE username = ?", {nu.username}));
    if (!exists.rows.empty()) return Error::conflict("用户名已被占用");
    KF_ASSIGN(auto rs, c->query("INSERT INTO users (username, password_hash, phone, email, created_at) "
                                "VALUES (?, ?, ?, ?, ?) RETURNING id",
                                {nu.username, hash, opt(nu.phone), opt(nu.email), clock_.now_ms()}));
    id = rs.rows.at(0).int64(0);
    for (const auto& r : nu.roles) {
      KF_TRY(c->query("INSERT INTO user_roles (user_id, role) VALUES (?, ?)", {id, r}));
    }
    return kf::ok();
  }));
  return load_user(*c, id);
}

Result<User> AccessService::get_user(std::int64_t id) {
  KF_ASSIGN(auto c, pool_.acquire());
  return load_user(*c, id);
}

Result<User> AccessService::find_user(const std::string& username) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("SELECT id FROM users WHERE username = ?", {username}));
  if (rs.rows.empty()) return Error::not_found("用户不存在");
  return load_user(*c, rs.rows[0].int64(0));
}

Result<std::vector<User>> AccessService::list_users() {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query(fmt::format("SELECT {} FROM users ORDER BY id", kUserColumns)));
  std::vector<User> out;
  for (const auto& r : rs.rows) {
    out.push_back(user_from_row(r));
    KF_TRY(fill_user_details(*c, out.back()));
  }
  return out;
}

Result<void> AccessService::set_password(const std::string& username, const std::string& password) {
  KF_ASSIGN(User u, find_user(username));
  KF_TRY(check_password(password, username));
  KF_ASSIGN(std::string hash, core::hash_password(password, cfg_.password_cost));
  KF_ASSIGN(auto c, pool_.acquire());
  KF_TRY(c->query("UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = 0 WHERE id = ?",
                  {hash, u.id}));
  return revoke_sessions(u.id);
}

Result<void> AccessService::set_disabled(const std::string& username, bool disabled) {
  KF_ASSIGN(User u, find_user(username));
  {
    KF_ASSIGN(auto c, pool_.acquire());
    KF_TRY(c->query("UPDATE users SET disabled = ?, failed_logins = 0, locked_until = 0 WHERE id = ?",
                    {std::int64_t{disabled ? 1 : 0}, u.id}));
  }
  if (disabled) return revoke_sessions(u.id);
  return kf::ok();
}

Result<std::optional<std::string>> AccessService::id_number_hash(std::int64_t user_id) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("SELECT id_number_hash FROM users WHERE id = ?", {user_id}));
  if (rs.rows.empty() || rs.rows[0].is_null(0)) return std::optional<std::string>{};
  return std::optional<std::string>(rs.rows[0].text(0));
}

Result<User> AccessService::verify_real_name(std::int64_t user_id, const std::string& name,
                                             const std::string& id_number) {
  std::string trimmed = name;
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
  while (!trimmed.empty() && trimmed.front() == ' ') trimmed.erase(0, 1);
  if (trimmed.size() < 2 || trimmed.size() > 90) {
    return Error::invalid("请输入与身份证一致的真实姓名", "name");
  }
  KF_ASSIGN(auto info, core::check_id_number(id_number));
  // Only a keyed hash of the number is stored: enough to detect reuse, useless if leaked.
  std::string hash = core::keyed_hash(cfg_.secret, "id_number:" + info.normalized);
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("UPDATE users SET real_name_masked = ?, id_number_hash = ?, verified_at = ? "
                              "WHERE id = ?",
                              {core::mask_name(trimmed), hash, clock_.now_ms(), user_id}));
  if (rs.affected == 0) return Error::not_found("用户不存在");
  return load_user(*c, user_id);
}

Result<std::vector<std::int64_t>> AccessService::users_with_role(const std::string& role,
                                                                std::optional<std::int64_t> org) {
  KF_ASSIGN(auto c, pool_.acquire());
  std::string sql = "SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = ? ";
  std::vector<db::Value> params{role};
  if (org) {
    sql += "JOIN memberships m ON m.user_id = u.id AND m.org_id = ? ";
    params.emplace_back(*org);
  }
  sql += "WHERE u.disabled = 0 ORDER BY u.id";
  KF_ASSIGN(auto rs, c->query(sql, std::span<const db::Value>(params)));
  std::vector<std::int64_t> out;
  for (const auto& r : rs.rows) out.push_back(r.int64(0));
  return out;
}

Result<User> AccessService::accept_licence(std::int64_t user_id, const std::string& version,
                                          const std::string& client_ip) {
  std::int64_t now = clock_.now_ms();
  KF_ASSIGN(auto c, pool_.acquire());
  KF_TRY(db::transaction(*c, [&]() -> Result<void> {
    KF_ASSIGN(auto rs, c->query("UPDATE users SET licence_version = ?, licence_accepted_at = ? WHERE id = ?",
                                {version, now, user_id}));
    if (rs.affected == 0) return Error::not_found("用户不存在");
    KF_TRY(c->query("INSERT INTO licence_acceptances (user_id, version, accepted_at, client_ip) VALUES (?, ?, ?, ?)",
                    {user_id, version, now, client_ip}));
    return kf::ok();
  }));
  return load_user(*c, user_id);
}

Result<void> AccessService::add_role(std::int64_t user_id, const std::string& role) {
  KF_ASSIGN(auto c, pool_.acquire());
  return db::with_tx(*c, [&](db::Tx& tx) { return add_role(tx, user_id, role); });
}

Result<void> AccessService::add_role(db::Tx& tx, std::int64_t user_id, const std::string& role) {
  if (!is_role(role)) return Error::invalid(fmt::format("未知角色：{}", role), "roles");
  KF_ASSIGN(auto rs, tx->query("SELECT 1 FROM user_roles WHERE user_id = ? AND role = ?", {user_id, role}));
  if (!rs.rows.empty()) return kf::ok();
  KF_TRY(tx->query("INSERT INTO user_roles (user_id, role) VALUES (?, ?)", {user_id, role}));
  return kf::ok();
}

Result<User> AccessService::update_user(std::int64_t actor_id, std::int64_t id, const UserUpdate& up) {
  std::vector<std::string> roles;
  if (up.roles) {
    for (const auto& r : *up.roles) {
      if (!is_role(r)) return Error::invalid(fmt::format("未知角色：{}", r), "roles");
      if (std::find(roles.begin(), roles.end(), r) == roles.end()) roles.push_back(r);
    }
    if (roles.empty()) return Error::invalid("至少需要一个角色", "roles");
  }
  if (id == actor_id) {
    if (up.roles && std::find(roles.begin(), roles.end(), "admin") == roles.end()) {
      return Error::invalid("不能移除自己的管理员角色", "roles");
    }
    if (up.disabled && *up.disabled) return Error::invalid("不能停用自己的账号", "disabled");
  }
  KF_ASSIGN(auto c, pool_.acquire());
  KF_TRY(db::transaction(*c, [&]() -> Result<void> {
    KF_ASSIGN(auto exists, c->query("SELECT 1 FROM users WHERE id = ?", {id}));
    if (exists.rows.empty()) return Error::not_found("用户不存在");
    if (up.roles) {
      KF_TRY(c->query("DELETE FROM user_roles WHERE user_id = ?", {id}));
      for (const auto& r : roles) {
        KF_TRY(c->query("INSERT INTO user_roles (user_id, role) VALUES (?, ?)", {id, r}));
      }
    }
    if (up.orgs) {
      KF_TRY(c->query("DELETE FROM memberships WHERE user_id = ?", {id}));
      for (const auto& m : *up.orgs) {
        KF_ASSIGN(auto org, c->query("SELECT 1 FROM orgs WHERE id = ?", {m.org_id}));
        if (org.rows.empty()) return Error::not_found("组织不存在");
        KF_ASSIGN(auto dup, c->query("SELECT 1 FROM memberships WHERE user_id = ? AND org_id = ?",
                                     {id, m.org_id}));
        if (!dup.rows.empty()) return Error::invalid("同一组织只能出现一次", "orgs");
        KF_TRY(c->query("INSERT INTO memberships (user_id, org_id, is_cdo, is_commissioner) VALUES (?, ?, ?, ?)",
                        {id, m.org_id, std::int64_t{m.is_cdo ? 1 : 0}, std::int64_t{m.is_commissioner ? 1 : 0}}));
      }
    }
    if (up.disabled) {
      KF_TRY(c->query("UPDATE users SET disabled = ?, failed_logins = 0, locked_until = 0 WHERE id = ?",
                      {std::int64_t{*up.disabled ? 1 : 0}, id}));
      if (*up.disabled) {
        KF_TRY(c->query("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                        {clock_.now_ms(), id}));
      }
    }
    return kf::ok();
  }));
  return load_user(*c, id);
}

}  // namespace kf::access

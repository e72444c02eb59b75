#include <fmt/format.h>

#include "access/service.h"

namespace kf::access {
namespace {

Error locked_error(std::int64_t until_ms, std::int64_t now_ms) {
  std::int64_t minutes = std::max<std::int64_t>(1, (until_ms - now_ms + 59999) / 60000);
  Error e = Error::denied(fmt::format("登录失败次数过多，账号已锁定，请 {} 分钟后再试", minutes));
  e.slug = "account_locked";
  return e;
}

Error disabled_error() {
  Error e = Error::denied("账号已被管理员停用，请联系平台管理员");
  e.slug = "account_disabled";
  return e;
}

}  // namespace

Result<LoginResult> AccessService::login(const std::string& username, const std::string& password) {
  const Error wrong = Error::unauthenticated("用户名或密码错误");
  std::int64_t now = clock_.now_ms();
  std::int64_t user_id = 0, failed = 0, locked_until = 0, disabled = 0;
  std::string hash;
  {
    KF_ASSIGN(auto c, pool_.acquire());
    KF_ASSIGN(auto rs, c->query("SELECT id, password_hash, failed_logins, locked_until, disabled "
                                "FROM users WHERE username = ?",
                                {username}));
    if (rs.rows.empty()) {
      core::verify_password(dummy_hash_, password);  // same cost as for a real account
      return wrong;
    }
    const auto& r = rs.rows[0];
    user_id = r.int64(0);
    hash = r.text(1);
    failed = r.int64(2);
    locked_until = r.int64(3);
    disabled = r.int64(4);
  }
  if (disabled) return disabled_error();
  if (locked_until > now) return locked_error(locked_until, now);

  // Hash outside any connection or transaction: it is the slow part.
  bool good = core::verify_password(hash, password);

  KF_ASSIGN(auto c, pool_.acquire());
  if (!good) {
    // Counted in the database so that every server process sees the same count.
    KF_ASSIGN(auto rs, c->query("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ? "
                                "RETURNING failed_logins",
                                {user_id}));
    failed = rs.rows.empty() ? failed + 1 : rs.rows[0].int64(0);
    if (failed >= cfg_.lockout_threshold) {
      std::int64_t until = now + cfg_.lockout_ms;
      KF_TRY(c->query("UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?",
                      {until, user_id}));
      return locked_error(until, now);
    }
    return wrong;
  }
  LoginResult out;
  out.session_token = core::random_token(32);
  out.csrf_token = core::random_token(24);
  out.expires_at = now + cfg_.session_ttl_ms;
  KF_TRY(db::transaction(*c, [&]() -> Result<void> {
    KF_TRY(c->query("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = ?", {user_id}));
    KF_TRY(c->query("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
                    "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                    {core::keyed_hash(cfg_.secret, out.session_token), user_id, out.csrf_token, now,
                     now, out.expires_at}));
    return kf::ok();
  }));
  KF_ASSIGN(out.user, load_user(*c, user_id));
  return out;
}

Result<LoginResult> AccessService::login_external(const ExternalIdentity& id) {
  if (id.issuer.empty() || id.subject.empty()) return Error::invalid("身份认证平台没有给出用户标识");
  std::optional<std::int64_t> user_id;
  {
    KF_ASSIGN(auto c, pool_.acquire());
    KF_ASSIGN(auto rs, c->query("SELECT user_id FROM external_identities WHERE issuer = ? AND subject = ?",
                                {id.issuer, id.subject}));
    if (!rs.rows.empty()) user_id = rs.rows[0].int64(0);
  }
  if (!user_id) {
    // A new account: the proposed name when it is valid and free, else ext_<random>.
    std::string name = id.username;
    bool usable = static_cast<bool>(check_username(name));
    if (usable) {
      auto taken = find_user(name);
      usable = !taken;
    }
    if (!usable) name = "ext_" + core::random_token(6);
    NewUser nu;
    nu.username = name;
    nu.password = core::random_token(24) + "Aa1!";  // never told to anyone: sign-in is external
    nu.phone = id.phone;
    if (nu.phone && !check_phone(*nu.phone)) nu.phone.reset();
    KF_ASSIGN(User u, create_user(nu));
    KF_ASSIGN(auto c, pool_.acquire());
    auto linked = c->query("INSERT INTO external_identities (issuer, subject, user_id, created_at) VALUES (?, ?, ?, ?)",
                           {id.issuer, id.subject, u.id, clock_.now_ms()});
    if (!linked) {
      // Another request linked the identity first: use its account.
      KF_ASSIGN(auto rs, c->query("SELECT user_id FROM external_identities WHERE issuer = ? AND subject = ?",
                                  {id.issuer, id.subject}));
      if (rs.rows.empty()) return linked.error();
      KF_TRY(set_disabled(u.username, true));
      user_id = rs.rows[0].int64(0);
    } else {
      user_id = u.id;
    }
  }
  KF_ASSIGN(User u, get_user(*user_id));
  if (u.disabled) return disabled_error();
  if (id.real_name && id.id_number && !u.real_name_verified) {
    KF_TRY(verify_real_name(u.id, *id.real_name, *id.id_number));
  }
  return open_session(u.id);
}

Result<LoginResult> AccessService::open_session(std::int64_t user_id) {
  const std::int64_t now = clock_.now_ms();
  KF_ASSIGN(auto c, pool_.acquire());
  LoginResult out;
  out.session_token = core::random_token(32);
  out.csrf_token = core::random_token(24);
  out.expires_at = now + cfg_.session_ttl_ms;
  KF_TRY(c->query("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) "
                  "VALUES (?, ?, ?, ?, ?, ?)",
                  {core::keyed_hash(cfg_.secret, out.session_token), user_id, out.csrf_token, now, now, out.expires_at}));
  KF_ASSIGN(out.user, load_user(*c, user_id));
  return out;
}

Result<void> AccessService::logout(const std::string& session_key) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_TRY(c->query("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                  {clock_.now_ms(), session_key}));
  return kf::ok();
}

Result<Identity> AccessService::authenticate_session(const std::string& token) {
  const Error expired = Error::unauthenticated("登录已过期，请重新登录");
  if (token.empty() || token.size() > 128) return expired;
  std::string key = core::keyed_hash(cfg_.secret, token);
  std::int64_t now = clock_.now_ms();
  std::int64_t user_id = 0;
  std::string csrf;
  {
    KF_ASSIGN(auto c, pool_.acquire());
    KF_ASSIGN(auto rs, c->query("SELECT s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, "
                                "s.revoked_at, u.disabled FROM sessions s "
                                "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?",
                                {key}));
    if (rs.rows.empty()) return expired;
    const auto& r = rs.rows[0];
    std::int64_t last_seen = r.int64(2);
    if (!r.is_null(4) || r.int64(5) != 0 || r.int64(3) <= now ||
        last_seen + cfg_.session_idle_ms <= now) {
      return expired;
    }
    user_id = r.int64(0);
    csrf = r.text(1);
    // Refresh the idle timer at most once a minute to keep reads cheap.
    if (now - last_seen > 60000) {
      KF_TRY(c->query("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {now, key}));
    }
  }
  KF_ASSIGN(Identity id, identity_for(user_id));
  id.session_key = key;
  id.csrf_token = csrf;
  return id;
}

Result<Identity> AccessService::identity_for(std::int64_t user_id) {
  KF_ASSIGN(User u, get_user(user_id));
  Identity id;
  id.user = std::move(u);
  return id;
}

Result<void> AccessService::revoke_sessions(std::int64_t user_id) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_TRY(c->query("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                  {clock_.now_ms(), user_id}));
  return kf::ok();
}

}  // namespace kf::access

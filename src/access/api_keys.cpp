#include <fmt/format.h>

#include "access/service.h"

namespace kf::access {
namespace {
// Keys look like kf_<prefix>_<secret>: the prefix finds the row, the hash of the whole key
// proves possession. Only the hash is stored.
constexpr std::size_t kPrefixBytes = 6;
constexpr std::size_t kSecretBytes = 24;
constexpr int kMaxKeysPerUser = 20;
}  // namespace

Result<NewApiKey> AccessService::create_api_key(std::int64_t user_id, const std::string& name) {
  if (name.empty() || name.size() > 100) {
    return Error::invalid("密钥名称不能为空，且不超过 100 字节", "name");
  }
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto count, c->query("SELECT COUNT(*) FROM api_keys WHERE user_id = ? AND revoked_at IS NULL",
                                 {user_id}));
  if (count.rows.at(0).int64(0) >= kMaxKeysPerUser) {
    return Error::conflict(fmt::format("每个账号最多 {} 个有效密钥，请先吊销不用的密钥", kMaxKeysPerUser));
  }
  NewApiKey out;
  std::string prefix = core::random_token(kPrefixBytes);
  std::replace(prefix.begin(), prefix.end(), '_', 'x');  // '_' separates the parts
  out.secret = "kf_" + prefix + "_" + core::random_token(kSecretBytes);
  std::int64_t now = clock_.now_ms();
  KF_ASSIGN(auto rs, c->query("INSERT INTO api_keys (user_id, name, prefix, key_hash, created_at) "
                              "VALUES (?, ?, ?, ?, ?) RETURNING id",
                              {user_id, name, prefix, core::keyed_hash(cfg_.secret, out.secret), now}));
  out.key = {rs.rows.at(0).int64(0), name, prefix, now, std::nullopt, false};
  return out;
}

Result<std::vector<ApiKey>> AccessService::list_api_keys(std::int64_t user_id) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("SELECT id, name, prefix, created_at, last_used_at, revoked_at "
                              "FROM api_keys WHERE user_id = ? ORDER BY id",
                              {user_id}));
  std::vector<ApiKey> out;
  for (const auto& r : rs.rows) {
    ApiKey k{r.int64(0), r.text(1), r.text(2), r.int64(3), std::nullopt, !r.is_null(5)};
    if (!r.is_null(4)) k.last_used_at = r.int64(4);
    out.push_back(std::move(k));
  }
  return out;
}

Result<void> AccessService::revoke_api_key(std::int64_t user_id, std::int64_t key_id) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("UPDATE api_keys SET revoked_at = ? "
                              "WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
                              {clock_.now_ms(), key_id, user_id}));
  if (rs.affected == 0) return Error::not_found("密钥不存在或已吊销");
  return kf::ok();
}

Result<Identity> AccessService::authenticate_api_key(const std::string& key) {
  const Error bad = Error::unauthenticated("API 密钥无效或已吊销");
  if (!key.starts_with("kf_") || key.size() > 128) return bad;
  auto sep = key.find('_', 3);
  if (sep == std::string::npos) return bad;
  std::string prefix = key.substr(3, sep - 3);
  std::int64_t user_id = 0, key_id = 0;
  {
    KF_ASSIGN(auto c, pool_.acquire());
    KF_ASSIGN(auto rs, c->query("SELECT k.id, k.user_id, k.key_hash, k.revoked_at, u.disabled, "
                                "k.last_used_at FROM api_keys k JOIN users u ON u.id = k.user_id "
                                "WHERE k.prefix = ?",
                                {prefix}));
    if (rs.rows.empty()) return bad;
    const auto& r = rs.rows[0];
    if (!core::equal_ct(r.text(2), core::keyed_hash(cfg_.secret, key)) || !r.is_null(3) ||
        r.int64(4) != 0) {
      return bad;
    }
    key_id = r.int64(0);
    user_id = r.int64(1);
    std::int64_t now = clock_.now_ms();
    if (r.is_null(5) || now - r.int64(5) > 60000) {
      KF_TRY(c->query("UPDATE api_keys SET last_used_at = ? WHERE id = ?", {now, key_id}));
    }
  }
  KF_ASSIGN(Identity id, identity_for(user_id));
  id.via_api_key = true;
  id.api_key_id = key_id;
  return id;
}

}  // namespace kf::access

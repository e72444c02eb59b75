#include "oidc/oidc.h"

#include <openssl/evp.h>
#include <sodium.h>

#include <chrono>
#include <cstring>

#include <fmt/format.h>

#include "core/crypto.h"
#include "http/client.h"

namespace kf::oidc {

namespace json = boost::json;

namespace {

constexpr std::int64_t kCookieLifetimeMs = 10 * 60 * 1000;

std::string sha256_raw(std::string_view s) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(s.data(), s.size(), md, &len, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(md), len);
}

std::string text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Result<json::object> parse_json_object(const std::string& body, const char* what) {
  boost::system::error_code ec;
  auto v = json::parse(body, ec);
  if (ec || !v.is_object()) return Error::unavailable(fmt::format("身份认证平台的{}不是有效的 JSON", what));
  return v.as_object();
}

// A local path to return to: starts with one '/', no scheme, no backslash.
std::string safe_return(const std::string& p) {
  if (p.empty() || p[0] != '/' || (p.size() > 1 && (p[1] == '/' || p[1] == '\\')) ||
      p.find('\\') != std::string::npos || p.size() > 500) {
    return "/";
  }
  return p;
}

}  // namespace

std::string base64url(std::string_view bytes) {
  const std::size_t len = sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  std::string out(len, '\0');
  sodium_bin2base64(out.data(), len, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

OidcClient::OidcClient(core::OidcConfig cfg, std::string client_secret, std::string seal_key, const core::Clock& clock)
    : cfg_(std::move(cfg)), client_secret_(std::move(client_secret)), seal_key_(std::move(seal_key)), clock_(clock) {
  while (!cfg_.issuer.empty() && cfg_.issuer.back() == '/') cfg_.issuer.pop_back();
}

std::string OidcClient::seal(const json::object& o) const {
  const std::string payload = base64url(json::serialize(o));
  return payload + "." + core::keyed_hash(seal_key_, "oidc-cookie:" + payload);
}

Result<json::object> OidcClient::unseal(const std::string& v) const {
  const Error stale = Error::invalid("登录请求已失效，请重新点击统一身份认证登录");
  auto dot = v.find('.');
  if (dot == std::string::npos) return stale;
  const std::string payload = v.substr(0, dot);
  if (!core::equal_ct(v.substr(dot + 1), core::keyed_hash(seal_key_, "oidc-cookie:" + payload))) return stale;
  auto raw = base64url_decode(payload);
  if (!raw) return stale;
  boost::system::error_code ec;
  auto doc = json::parse(*raw, ec);
  if (ec || !doc.is_object()) return stale;
  const auto* exp = doc.as_object().if_contains("exp");
  if (!exp || !exp->is_int64() || exp->as_int64() < clock_.now_ms()) return stale;
  return doc.as_object();
}

Result<OidcClient::Endpoints> OidcClient::discover() {
  {
    std::lock_guard lock(mu_);
    if (endpoints_) return *endpoints_;
  }
  http::FetchRequest req;
  req.url = cfg_.issuer + "/.well-known/openid-configuration";
  req.timeout = std::chrono::seconds(cfg_.timeout_s);
  KF_ASSIGN(auto res, http::fetch(req));
  if (res.status != 200) return Error::unavailable(fmt::format("身份认证平台的配置无法获取（HTTP {}）", res.status));
  KF_ASSIGN(auto doc, parse_json_object(res.body, "配置"));
  std::string issuer = text_of(doc, "issuer");
  while (!issuer.empty() && issuer.back() == '/') issuer.pop_back();
  if (issuer != cfg_.issuer) return Error::unavailable("身份认证平台声明的 issuer 与配置的 oidc.issuer 不一致");
  Endpoints e{text_of(doc, "authorization_endpoint"), text_of(doc, "token_endpoint"), text_of(doc, "userinfo_endpoint")};
  if (e.authorization.empty() || e.token.empty()) return Error::unavailable("身份认证平台的配置缺少授权或令牌地址");
  std::lock_guard lock(mu_);
  endpoints_ = e;
  return e;
}

Result<Begin> OidcClient::begin(const std::string& origin, const std::string& return_to) {
  if (!enabled()) return Error::unavailable("本平台未配置统一身份认证登录");
  KF_ASSIGN(auto ep, discover());
  const std::string state = core::random_token(24), nonce = core::random_token(24), verifier = core::random_token(32);
  const std::string redirect = cfg_.redirect_uri.empty() ? origin + "/api/v1/auth/oidc/callback" : cfg_.redirect_uri;
  Begin out;
  out.redirect_url = fmt::format(
      "{}{}response_type=code&client_id={}&redirect_uri={}&scope={}&state={}&nonce={}&code_challenge={}"
      "&code_challenge_method=S256",
      ep.authorization, ep.authorization.find('?') == std::string::npos ? "?" : "&", http::form_encode(cfg_.client_id),
      http::form_encode(redirect), http::form_encode(cfg_.scopes), state, nonce, base64url(sha256_raw(verifier)));
  out.cookie_value = seal({{"state", state},
                           {"nonce", nonce},
                           {"verifier", verifier},
                           {"redirect_uri", redirect},
                           {"return_to", safe_return(return_to)},
                           {"exp", clock_.now_ms() + kCookieLifetimeMs}});
  return out;
}

Result<OidcClient::Finished> OidcClient::finish(const std::string& code, const std::string& state,
                                                const std::string& cookie) {
  if (!enabled()) return Error::unavailable("本平台未配置统一身份认证登录");
  KF_ASSIGN(auto sealed, unseal(cookie));
  if (state.empty() || !core::equal_ct(state, text_of(sealed, "state"))) {
    return Error::invalid("登录请求已失效，请重新点击统一身份认证登录");
  }
  if (code.empty()) return Error::invalid("身份认证平台没有返回授权码");
  KF_ASSIGN(auto ep, discover());

  http::FetchRequest token;
  token.method = "POST";
  token.url = ep.token;
  token.timeout = std::chrono::seconds(cfg_.timeout_s);
  token.headers["Content-Type"] = "application/x-www-form-urlencoded";
  token.headers["Accept"] = "application/json";
  token.headers["Authorization"] =
      "Basic " + std::string([&] {
        const std::string plain = http::form_encode(cfg_.client_id) + ":" + http::form_encode(client_secret_);
        const std::size_t len = sodium_base64_encoded_len(plain.size(), sodium_base64_VARIANT_ORIGINAL);
        std::string b64(len, '\0');
        sodium_bin2base64(b64.data(), len, reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                          sodium_base64_VARIANT_ORIGINAL);
        b64.resize(std::strlen(b64.c_str()));
        return b64;
      }());
  token.body = "grant_type=authorization_code&code=" + http::form_encode(code) +
               "&redirect_uri=" + http::form_encode(text_of(sealed, "redirect_uri")) +
               "&code_verifier=" + http::form_encode(text_of(sealed, "verifier"));
  KF_ASSIGN(auto tres, http::fetch(token));
  if (tres.status != 200) return Error::unavailable(fmt::format("身份认证平台拒绝了授权码（HTTP {}），请重新登录", tres.status));
  KF_ASSIGN(auto tokens, parse_json_object(tres.body, "令牌应答"));
  const std::string id_token = text_of(tokens, "id_token"), access_token = text_of(tokens, "access_token");
  if (id_token.empty()) return Error::unavailable("身份认证平台没有返回 ID 令牌");

  // The ID token's claims (its signature is not checked: see the header).
  auto first = id_token.find('.'), second = id_token.find('.', first + 1);
  if (first == std::string::npos || second == std::string::npos) return Error::unavailable("ID 令牌格式不正确");
  auto payload = base64url_decode(id_token.substr(first + 1, second - first - 1));
  if (!payload) return Error::unavailable("ID 令牌格式不正确");
  KF_ASSIGN(auto claims, parse_json_object(*payload, "ID 令牌"));
  std::string iss = text_of(claims, "iss");
  while (!iss.empty() && iss.back() == '/') iss.pop_back();
  if (iss != cfg_.issuer) return Error::unavailable("ID 令牌的签发方与配置不一致");
  bool audience = false;
  if (const auto* aud = claims.if_contains("aud")) {
    if (aud->is_string()) audience = aud->as_string() == cfg_.client_id;
    if (aud->is_array()) {
      for (const auto& a : aud->as_array()) audience = audience || (a.is_string() && a.as_string() == cfg_.client_id);
    }
  }
  if (!audience) return Error::unavailable("ID 令牌不是签发给本平台的");
  const auto* exp = claims.if_contains("exp");
  // The provider's clock is the real one: compare with the wall clock, not the injectable one.
  const auto wall_s = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  if (!exp || !exp->is_number() || exp->to_number<double>() < static_cast<double>(wall_s)) {
    return Error::unavailable("ID 令牌已过期，请重新登录");
  }
  if (!core::equal_ct(text_of(claims, "nonce"), text_of(sealed, "nonce"))) return Error::unavailable("ID 令牌与本次登录不符");
  const std::string sub = text_of(claims, "sub");
  if (sub.empty()) return Error::unavailable("ID 令牌缺少用户标识");

  // The userinfo claims, for the same subject.
  if (!ep.userinfo.empty() && !access_token.empty()) {
    http::FetchRequest ui;
    ui.url = ep.userinfo;
    ui.timeout = std::chrono::seconds(cfg_.timeout_s);
    ui.headers["Authorization"] = "Bearer " + access_token;
    ui.headers["Accept"] = "application/json";
    KF_ASSIGN(auto ures, http::fetch(ui));
    if (ures.status != 200) return Error::unavailable(fmt::format("无法读取身份认证平台的用户信息（HTTP {}）", ures.status));
    KF_ASSIGN(auto info, parse_json_object(ures.body, "用户信息"));
    if (text_of(info, "sub") != sub) return Error::unavailable("用户信息与 ID 令牌不是同一用户");
    for (const auto& [k, v] : info) claims[k] = v;
  }

  Finished out;
  out.return_to = text_of(sealed, "return_to");
  auto& id = out.identity;
  id.issuer = cfg_.issuer;
  id.subject = sub;
  id.username = text_of(claims, cfg_.username_claim);
  if (id.username.empty()) id.username = sub;
  auto optional_claim = [&](const std::string& key) -> std::optional<std::string> {
    if (key.empty()) return std::nullopt;
    std::string v = text_of(claims, key);
    return v.empty() ? std::nullopt : std::optional<std::string>(v);
  };
  id.real_name = optional_claim(cfg_.name_claim);
  id.id_number = optional_claim(cfg_.id_number_claim);
  id.phone = optional_claim(cfg_.phone_claim);
  return out;
}

}  // namespace kf::oidc

#include "api/context.h"

namespace kf::api {

http::Authenticator make_authenticator(ApiContext& ctx) {
  return [&ctx](const http::Request& req) -> Result<std::optional<http::Principal>> {
    auto to_principal = [](access::Identity id) {
      http::Principal p;
      p.user_id = id.user.id;
      p.username = id.user.username;
      p.roles = id.user.roles;
      p.via = id.via_api_key ? http::Principal::Via::api_key : http::Principal::Via::session;
      p.csrf_token = id.csrf_token;
      p.session_key = id.session_key;
      p.api_key_id = id.api_key_id;
      for (const auto& m : id.user.orgs) p.org_ids.push_back(m.org_id);
      p.verified = id.user.real_name_verified;
      p.licence_version = id.user.licence_version;
      return p;
    };
    // An API key that was sent must be valid: a wrong key is an error, not anonymity.
    std::string_view key = req.header("X-Api-Key");
    if (key.empty()) key = req.header("X-App-Token");  // Socrata clients
    if (!key.empty()) {
      KF_ASSIGN(auto id, ctx.access.authenticate_api_key(std::string(key)));
      return std::optional<http::Principal>(to_principal(std::move(id)));
    }
    if (auto token = req.cookie(http::kSessionCookie)) {
      auto id = ctx.access.authenticate_session(*token);
      if (id) return std::optional<http::Principal>(to_principal(std::move(*id)));
      // A stale cookie makes the caller anonymous; only a database failure is an error.
      if (id.error().code != ErrorCode::unauthenticated) return id.error();
    }
    return std::optional<http::Principal>{};
  };
}

}  // namespace kf::api

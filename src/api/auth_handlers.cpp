// POST /api/v1/auth/register, /login, /logout.
#include <fmt/format.h>

#include "api/handlers.h"
#include "api/views.h"
#include "core/json.h"

namespace kf::api {

namespace json = boost::json;
using http::Request;
using http::Response;
using bh = http::bh::status;

namespace {

std::string session_cookie(const core::Config& cfg, const std::string& value, std::int64_t max_age_s) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}", http::kSessionCookie,
                     value, max_age_s, cfg.security.cookie_secure ? "; Secure" : "");
}

}  // namespace

Response handle_register(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  access::NewUser u;
  KF_HTTP_ASSIGN(u.username, core::required_string(body, "username", "用户名"));
  KF_HTTP_ASSIGN(u.password, core::required_string(body, "password", "密码"));
  KF_HTTP_ASSIGN(u.phone, core::optional_string(body, "phone", "手机号码"));
  KF_HTTP_ASSIGN(u.email, core::optional_string(body, "email", "电子邮箱"));
  u.roles = {"user"};  // self-registration never grants more
  return respond(ctx.access.create_user(u), [](const access::User& user) {
    return http::json_response(bh::created, {{"user", user_json(user)}});
  });
}

Response handle_login(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto username, core::required_string(body, "username", "用户名"));
  KF_HTTP_ASSIGN(auto password, core::required_string(body, "password", "密码"));
  return respond(ctx.access.login(username, password), [&](const access::LoginResult& r) {
    Response res = http::json_response(
        bh::ok, {{"csrf_token", r.csrf_token}, {"user", user_json(r.user)}});
    res.set(http::bh::field::set_cookie,
            session_cookie(ctx.config, r.session_token,
                           static_cast<std::int64_t>(ctx.config.security.session_ttl_minutes) * 60));
    return res;
  });
}

Response handle_logout(ApiContext& ctx, Request& req) {
  if (req.principal->via == http::Principal::Via::session) {
    KF_HTTP_TRY(ctx.access.logout(req.principal->session_key));
  }
  Response res = http::empty_response(bh::no_content);
  res.set(http::bh::field::set_cookie, session_cookie(ctx.config, "", 0));
  return res;
}

}  // namespace kf::api

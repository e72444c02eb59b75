// Sign-in through an external OpenID Connect identity provider ([oidc]; APP-1, Shandong art. 13):
// GET /api/v1/auth/oidc (whether it is offered, and its label), …/login (to the provider) and
// …/callback (back from it: the account is found or made, a session opened).
#include <fmt/format.h>

#include "api/handlers.h"
#include "api/oidc_routes.h"
#include "http/client.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;

namespace {

std::string query(const Request& req, const char* key) {
  auto it = req.query.find(key);
  return it == req.query.end() ? std::string() : it->second;
}

// The origin the browser used: scheme from X-Forwarded-Proto (behind a proxy) or the listener.
std::string origin_of(const ApiContext& ctx, const Request& req) {
  std::string proto(req.header("X-Forwarded-Proto"));
  if (proto != "https" && proto != "http") proto = ctx.config.security.cookie_secure ? "https" : "http";
  return proto + "://" + std::string(req.header("Host"));
}

std::string oidc_cookie(const ApiContext& ctx, const std::string& value, int max_age_s) {
  return fmt::format("{}={}; Path=/api/v1/auth/oidc; HttpOnly; SameSite=Lax; Max-Age={}{}", oidc::OidcClient::kCookie, value,
                     max_age_s, ctx.config.security.cookie_secure ? "; Secure" : "");
}

Response redirect(const std::string& to) {
  Response res{bh::found, 11};
  res.set(http::bh::field::location, to);
  res.set(http::bh::field::cache_control, "no-store");
  return res;
}

// Back to the sign-in page with a message the page shows.
Response to_login_with(const ApiContext& ctx, const std::string& message) {
  Response res = redirect("/login?oidc_error=" + http::form_encode(message));
  res.set(http::bh::field::set_cookie, oidc_cookie(ctx, "", 0));
  return res;
}

Response oidc_info(ApiContext& ctx, Request&) {
  return http::json_response(bh::ok, {{"enabled", ctx.oidc.enabled()}, {"label", ctx.oidc.label()}});
}

Response oidc_login(ApiContext& ctx, Request& req) {
  auto begun = ctx.oidc.begin(origin_of(ctx, req), query(req, "return_to"));
  if (!begun) return http::error_response(begun.error());
  Response res = redirect(begun->redirect_url);
  res.set(http::bh::field::set_cookie, oidc_cookie(ctx, begun->cookie_value, 600));
  return res;
}

Response oidc_callback(ApiContext& ctx, Request& req) {
  if (!query(req, "error").empty()) {
    return to_login_with(ctx, query(req, "error") == "access_denied" ? "已取消统一身份认证登录"
                                                                      : "统一身份认证平台未完成登录，请重试");
  }
  auto finished = ctx.oidc.finish(query(req, "code"), query(req, "state"),
                                  req.cookie(oidc::OidcClient::kCookie).value_or(""));
  if (!finished) return to_login_with(ctx, finished.error().message);
  auto session = ctx.access.login_external(finished->identity);
  if (!session) return to_login_with(ctx, session.error().message);
  Response res = redirect(finished->return_to);
  res.insert(http::bh::field::set_cookie,
             fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}", http::kSessionCookie,
                         session->session_token,
                         static_cast<std::int64_t>(ctx.config.security.session_ttl_minutes) * 60,
                         ctx.config.security.cookie_secure ? "; Secure" : ""));
  res.insert(http::bh::field::set_cookie, oidc_cookie(ctx, "", 0));
  return res;
}

}  // namespace

void register_oidc_routes(http::Router& router, ApiContext& ctx) {
  using V = http::bh::verb;
  using http::Permission;
  auto add = [&](const char* path, Response (*fn)(ApiContext&, Request&), const char* summary) {
    router.add({V::get, path, Permission::anyone(), [&ctx, fn](Request& req) { return fn(ctx, req); }, summary, "auth", true});
  };
  add("/api/v1/auth/oidc", oidc_info, "是否提供统一身份认证登录（OpenID Connect）及按钮名称");
  add("/api/v1/auth/oidc/login", oidc_login,
      "跳转到统一身份认证平台登录（?return_to=本站路径）；未配置时 503");
  add("/api/v1/auth/oidc/callback", oidc_callback,
      "统一身份认证平台登录后的回调：核对 state、换取令牌、读取用户信息，开立会话并跳回原页面；失败时回到登录页并说明原因");
}

}  // namespace kf::api

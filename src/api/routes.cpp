// The route table: every route with its permission, summary and handler.
#include "api/handlers.h"

namespace kf::api {

using http::Permission;
using V = http::bh::verb;

void register_routes(http::Router& router, ApiContext& ctx) {
  auto bind = [&ctx](Response (*fn)(ApiContext&, Request&)) {
    return [&ctx, fn](Request& req) { return fn(ctx, req); };
  };
  auto add = [&](V method, std::string pattern, Permission perm, Response (*fn)(ApiContext&, Request&),
                 std::string summary, std::string tag, bool csrf_exempt = false) {
    router.add({method, std::move(pattern), std::move(perm), bind(fn), std::move(summary),
                std::move(tag), csrf_exempt});
  };
  const Permission anyone = Permission::anyone();
  const Permission signed_in = Permission::signed_in();
  const Permission admin = Permission::any_role({"admin"});
  const Permission org_managers = Permission::any_role({"admin", "authority"});

  add(V::get, "/healthz", anyone, handle_healthz, "存活检查", "system");
  add(V::get, "/readyz", anyone, handle_readyz, "就绪检查（含数据库）", "system");
  add(V::get, "/metrics", anyone, handle_metrics, "Prometheus 指标", "system");

  add(V::post, "/api/v1/auth/register", anyone, handle_register, "注册账号", "auth", true);
  add(V::post, "/api/v1/auth/login", anyone, handle_login, "登录，返回会话 Cookie 与 CSRF 令牌", "auth", true);
  add(V::post, "/api/v1/auth/logout", signed_in, handle_logout, "退出登录", "auth");

  add(V::get, "/api/v1/me", signed_in, handle_me, "当前用户信息", "me");
  add(V::post, "/api/v1/me/verify", signed_in, handle_verify, "实名认证（姓名 + 身份证号码）", "me");
  add(V::get, "/api/v1/me/api-keys", signed_in, handle_list_api_keys, "我的 API 密钥", "me");
  add(V::post, "/api/v1/me/api-keys", signed_in, handle_create_api_key, "创建 API 密钥（仅显示一次）", "me");
  add(V::delete_, "/api/v1/me/api-keys/{id}", signed_in, handle_revoke_api_key, "吊销 API 密钥", "me");

  add(V::get, "/api/v1/orgs", anyone, handle_list_orgs, "组织机构列表", "orgs");
  add(V::post, "/api/v1/orgs", org_managers, handle_create_org, "新建组织机构", "orgs");
  add(V::get, "/api/v1/orgs/{id}", anyone, handle_get_org, "组织机构详情", "orgs");

  add(V::get, "/api/v1/users", admin, handle_list_users, "用户列表（管理员）", "users");
  add(V::post, "/api/v1/users", admin, handle_create_user, "新建用户并分配角色（管理员）", "users");

  // The description of all of the above (registered last so it includes itself).
  router.add({V::get, "/api/v1/openapi.json", anyone,
              [&router](Request&) { return http::json_response(http::bh::status::ok, openapi_document(router)); },
              "本 API 的 OpenAPI 3 描述", "system", false});
}

}  // namespace kf::api

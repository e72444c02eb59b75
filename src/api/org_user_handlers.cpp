// Organisations (/api/v1/orgs) and user administration (/api/v1/users).
#include "api/handlers.h"
#include "api/views.h"
#include "core/json.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;

Response handle_list_orgs(ApiContext& ctx, Request&) {
  return respond(ctx.access.list_orgs(), [](const std::vector<access::Org>& orgs) {
    json::array items;
    for (const auto& o : orgs) items.push_back(org_json(o));
    return http::json_response(bh::ok, {{"items", items}});
  });
}

Response handle_get_org(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  return respond(ctx.access.get_org(id),
                 [](const access::Org& o) { return http::json_response(bh::ok, org_json(o)); });
}

Response handle_create_org(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  access::NewOrg o;
  KF_HTTP_ASSIGN(o.name, core::required_string(body, "name", "组织名称"));
  KF_HTTP_ASSIGN(o.kind, core::required_string(body, "kind", "组织类型"));
  KF_HTTP_ASSIGN(o.level, core::required_string(body, "level", "层级"));
  KF_HTTP_ASSIGN(o.region_code, core::required_string(body, "region_code", "行政区划代码"));
  KF_HTTP_ASSIGN(o.parent_id, core::optional_int(body, "parent_id", "上级组织"));
  return respond(ctx.access.create_org(o), [](const access::Org& org) {
    return http::json_response(bh::created, org_json(org));
  });
}

Response handle_list_users(ApiContext& ctx, Request&) {
  return respond(ctx.access.list_users(), [](const std::vector<access::User>& users) {
    json::array items;
    for (const auto& u : users) items.push_back(user_json(u));
    return http::json_response(bh::ok, {{"items", items}});
  });
}

Response handle_create_user(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  access::NewUser u;
  KF_HTTP_ASSIGN(u.username, core::required_string(body, "username", "用户名"));
  KF_HTTP_ASSIGN(u.password, core::required_string(body, "password", "密码"));
  KF_HTTP_ASSIGN(u.phone, core::optional_string(body, "phone", "手机号码"));
  KF_HTTP_ASSIGN(u.email, core::optional_string(body, "email", "电子邮箱"));
  if (const json::value* roles = body.if_contains("roles")) {
    if (!roles->is_array()) return http::error_response(Error::invalid("roles 应为字符串数组", "roles"));
    u.roles.clear();
    for (const auto& r : roles->as_array()) {
      if (!r.is_string()) return http::error_response(Error::invalid("roles 应为字符串数组", "roles"));
      u.roles.emplace_back(r.as_string());
    }
  }
  KF_HTTP_ASSIGN(auto org_id, core::optional_int(body, "org_id", "所属组织"));
  KF_HTTP_ASSIGN(bool is_cdo, core::optional_bool(body, "is_cdo", false));
  KF_HTTP_ASSIGN(bool is_commissioner, core::optional_bool(body, "is_commissioner", false));
  if (org_id) KF_HTTP_TRY(ctx.access.get_org(*org_id));  // refuse before creating anything
  KF_HTTP_ASSIGN(auto user, ctx.access.create_user(u));
  if (org_id) {
    KF_HTTP_TRY(ctx.access.add_member(user.id, *org_id, is_cdo, is_commissioner));
    KF_HTTP_ASSIGN(user, ctx.access.get_user(user.id));
  }
  return http::json_response(bh::created, user_json(user));
}

}  // namespace kf::api

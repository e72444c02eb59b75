// Organisations (/api/v1/orgs) and user administration (/api/v1/users).
#include <fmt/format.h>

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
  KF_HTTP_ASSIGN(o.credit_code, core::optional_string(body, "credit_code", "统一社会信用代码"));
  KF_HTTP_ASSIGN(o.legal_representative, core::optional_string(body, "legal_representative", "法定代表人"));
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

namespace {

Result<std::vector<std::string>> string_array(const json::value& v, const char* key) {
  const std::string msg = fmt::format("{} 应为字符串数组", key);
  if (!v.is_array()) return Error::invalid(msg, key);
  std::vector<std::string> out;
  for (const auto& r : v.as_array()) {
    if (!r.is_string()) return Error::invalid(msg, key);
    out.emplace_back(r.as_string());
  }
  return out;
}

// "orgs": [{"org_id": 3, "is_cdo": false, "is_commissioner": true}, …]
Result<std::vector<access::Membership>> memberships(const json::value& v) {
  const Error bad = Error::invalid("orgs 应为数组，每项含 org_id，可选 is_cdo、is_commissioner", "orgs");
  if (!v.is_array()) return bad;
  std::vector<access::Membership> out;
  for (const auto& item : v.as_array()) {
    if (!item.is_object()) return bad;
    const auto& o = item.as_object();
    KF_ASSIGN(auto org_id, core::optional_int(o, "org_id", "所属组织"));
    if (!org_id) return bad;
    access::Membership m;
    m.org_id = *org_id;
    KF_ASSIGN(m.is_cdo, core::optional_bool(o, "is_cdo", false));
    KF_ASSIGN(m.is_commissioner, core::optional_bool(o, "is_commissioner", false));
    out.push_back(m);
  }
  return out;
}

}  // namespace

Response handle_update_user(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  access::UserUpdate up;
  if (const json::value* roles = body.if_contains("roles")) {
    KF_HTTP_ASSIGN(up.roles, string_array(*roles, "roles"));
  }
  if (const json::value* orgs = body.if_contains("orgs")) {
    KF_HTTP_ASSIGN(up.orgs, memberships(*orgs));
  }
  if (const json::value* disabled = body.if_contains("disabled")) {
    if (!disabled->is_bool()) return http::error_response(Error::invalid("disabled 应为 true 或 false", "disabled"));
    up.disabled = disabled->as_bool();
  }
  if (!up.roles && !up.orgs && !up.disabled) {
    return http::error_response(Error::invalid("请给出要修改的 roles、orgs 或 disabled"));
  }
  return respond(ctx.access.update_user(req.principal->user_id, id, up),
                 [](const access::User& u) { return http::json_response(bh::ok, user_json(u)); });
}

}  // namespace kf::api

// GET /api/v1/me, GET /api/v1/auth/session, POST /api/v1/me/verify, the caller's API keys.
#include "api/handlers.h"
#include "api/views.h"
#include "core/json.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;

namespace {
json::object me_json(const access::User& u, const http::Principal& p) {
  json::object body = user_json(u);
  body["csrf_token"] = p.via == http::Principal::Via::session ? json::value(p.csrf_token)
                                                                 : json::value(nullptr);
  return body;
}

Response me_response(const access::User& u, const http::Principal& p) {
  return http::json_response(bh::ok, me_json(u, p));
}
}  // namespace

Response handle_me(ApiContext& ctx, Request& req) {
  return respond(ctx.access.get_user(req.principal->user_id),
                 [&](const access::User& u) { return me_response(u, *req.principal); });
}

Response handle_session(ApiContext& ctx, Request& req) {
  // A visitor is an answer too (200 with user null), so a page asking "who is here?" logs no
  // failed request in the browser.
  if (!req.principal) return http::json_response(bh::ok, {{"user", nullptr}});
  return respond(ctx.access.get_user(req.principal->user_id), [&](const access::User& u) {
    return http::json_response(bh::ok, {{"user", me_json(u, *req.principal)}});
  });
}

Response handle_verify(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto name, core::required_string(body, "name", "姓名"));
  KF_HTTP_ASSIGN(auto id_number, core::required_string(body, "id_number", "身份证号码"));
  return respond(ctx.access.verify_real_name(req.principal->user_id, name, id_number),
                 [&](const access::User& u) { return me_response(u, *req.principal); });
}

Response handle_list_api_keys(ApiContext& ctx, Request& req) {
  return respond(ctx.access.list_api_keys(req.principal->user_id),
                 [](const std::vector<access::ApiKey>& keys) {
                   json::array items;
                   for (const auto& k : keys) items.push_back(api_key_json(k));
                   return http::json_response(bh::ok, {{"items", items}});
                 });
}

Response handle_create_api_key(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto name, core::required_string(body, "name", "密钥名称"));
  return respond(ctx.access.create_api_key(req.principal->user_id, name),
                 [](const access::NewApiKey& k) {
                   json::object o = api_key_json(k.key);
                   o["key"] = k.secret;
                   return http::json_response(bh::created, o);
                 });
}

Response handle_revoke_api_key(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_TRY(ctx.access.revoke_api_key(req.principal->user_id, id));
  return http::empty_response(bh::no_content);
}

}  // namespace kf::api

// The open-data licence: GET /api/v1/licence (text + the caller's standing),
// POST /api/v1/me/licence (accept). The download rule itself is applied by the access decision
// (access/decision.h, api/access_decision.cpp).
#include "api/handlers.h"
#include "api/views.h"
#include "core/json.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;

Response handle_licence(ApiContext& ctx, Request& req) {
  const auto& l = ctx.licence;
  const auto& rule = ctx.config.access;
  json::object body{{"version", l.version},
                    {"title", l.title},
                    {"effective", l.effective},
                    {"text", l.text},
                    {"download_rule", rule.download},
                    {"require_licence", rule.download != "anonymous" && rule.require_licence},
                    {"preview_rows", rule.preview_rows}};
  if (req.principal) {
    body["accepted"] = req.principal->licence_version == l.version;
    body["accepted_version"] = req.principal->licence_version ? json::value(*req.principal->licence_version)
                                                              : json::value(nullptr);
  }
  // The access decision for a download of unconditional data by this caller.
  auto standing = download_standing(ctx, req);
  body["may_download"] = !standing.refused();
  if (standing.refused()) {
    body["missing"] = standing.slug;
    body["action"] = access::to_string(standing.action);
  }
  return http::json_response(bh::ok, body);
}

Response handle_accept_licence(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto version, core::required_string(body, "version", "协议版本"));
  // Accepting an old text (a page left open while the licence changed) is refused.
  if (version != ctx.licence.version) {
    Error e = Error::conflict("开放许可协议已更新，请重新阅读最新版本后再同意");
    e.field = "version";
    return http::error_response(e);
  }
  return respond(ctx.access.accept_licence(req.principal->user_id, version, req.remote_addr),
                 [](const access::User& u) { return http::json_response(bh::ok, user_json(u)); });
}

}  // namespace kf::api

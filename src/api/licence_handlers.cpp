// The open-data licence: GET /api/v1/licence (text + the caller's standing),
// POST /api/v1/me/licence (accept), and the download rule the data routes apply (ACC-1).
#include <fmt/format.h>

#include "api/handlers.h"
#include "api/views.h"
#include "core/json.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;

namespace {

access::CallerStanding standing_of(const http::Request& req) {
  access::CallerStanding s;
  if (!req.principal) return s;
  const auto& p = *req.principal;
  s.signed_in = true;
  s.staff = p.has_role("admin") || p.has_role("authority") || p.has_role("provider");
  s.verified = p.verified;
  s.licence = p.licence_version;
  return s;
}

}  // namespace

Result<void> check_download_rule(ApiContext& ctx, const http::Request& req) {
  return access::check_download_rule(ctx.config.access, ctx.licence, standing_of(req));
}

Result<void> restrict_to_preview(ApiContext& ctx, const http::Request& req, query::QueryParams& params) {
  auto allowed = check_download_rule(ctx, req);
  if (allowed) return kf::ok();
  const int preview = ctx.config.access.preview_rows;
  auto number = [](const std::optional<std::string>& s) { return s ? std::strtoll(s->c_str(), nullptr, 10) : 0; };
  bool beyond = preview == 0 || number(params.offset) > 0 || (params.limit && number(params.limit) > preview);
  if (beyond) {
    Error e = allowed.error();
    if (preview > 0) e.message += fmt::format("（可预览前 {} 行）", preview);
    return e;
  }
  params.limit = std::to_string(params.limit ? number(params.limit) : preview);
  return kf::ok();
}

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
  auto allowed = check_download_rule(ctx, req);
  body["may_download"] = allowed.ok();
  if (!allowed) body["missing"] = allowed.error().slug;
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

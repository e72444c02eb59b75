// Health, readiness, metrics and the OpenAPI description.
#include "api/handlers.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;

Response handle_healthz(ApiContext&, Request&) {
  return http::json_response(bh::ok, {{"status", "ok"}});
}

Response handle_readyz(ApiContext& ctx, Request&) {
  auto c = ctx.pool.acquire(std::chrono::seconds(2));
  if (!c || !(*c)->ping()) {
    return http::json_response(bh::service_unavailable,
                               {{"status", "unavailable"}, {"database", "unreachable"}});
  }
  return http::json_response(bh::ok, {{"status", "ok"}, {"database", "ok"}});
}

Response handle_metrics(ApiContext& ctx, Request&) {
  Response res{bh::ok, 11};
  res.set(http::bh::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  res.body() = ctx.metrics.render();
  return res;
}

json::object openapi_document(const http::Router& router) {
  json::object paths;
  for (const auto& r : router.routes()) {
    std::string method(http::bh::to_string(r.method));
    for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    json::object op{{"summary", r.summary}, {"tags", json::array{json::value(r.tag)}}};
    json::array params;
    for (const auto& seg : http::split_path(r.pattern)) {
      if (seg.size() > 2 && seg.front() == '{') {
        params.push_back(json::object{{"name", seg.substr(1, seg.size() - 2)},
                                      {"in", "path"},
                                      {"required", true},
                                      {"schema", {{"type", "string"}}}});
      }
    }
    if (!params.empty()) op["parameters"] = params;
    switch (r.permission.kind) {
      case http::Permission::Kind::anyone:
        op["security"] = json::array{};
        op["x-permission"] = "anyone";
        break;
      case http::Permission::Kind::signed_in:
        op["x-permission"] = "signed_in";
        break;
      case http::Permission::Kind::roles: {
        json::array roles;
        for (const auto& role : r.permission.roles) roles.emplace_back(role);
        op["x-permission"] = json::object{{"roles", roles}};
        break;
      }
    }
    if (!r.channels.empty()) {
      // Data routes: the access channels they read through; refusals carry error.action.
      json::array channels;
      for (const auto& c : r.channels) channels.emplace_back(c);
      op["x-access-channels"] = channels;
    }
    op["responses"] = {{"default", {{"description", "JSON；错误时为 {\"error\":{\"code\",\"message\"}}"}}}};
    paths[r.pattern].emplace_object()[method] = op;
  }
  return {{"openapi", "3.1.0"},
          {"info", {{"title", "开放 Kaifang 公共数据开放平台 API"}, {"version", "1"}}},
          {"paths", paths},
          {"components",
           {{"securitySchemes",
             {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", http::kSessionCookie}}},
              {"apiKey", {{"type", "apiKey"}, {"in", "header"}, {"name", "X-Api-Key"}}}}}}},
          {"security", json::array{json::object{{"session", json::array{}}},
                                   json::object{{"apiKey", json::array{}}}}}};
}

}  // namespace kf::api

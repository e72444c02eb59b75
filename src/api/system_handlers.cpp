// Health, readiness and metrics (the OpenAPI description is built in openapi.cpp).
#include "api/handlers.h"

namespace kf::api {

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

}  // namespace kf::api

#include "app/serve.h"

#include <spdlog/spdlog.h>

#include "api/context.h"
#include "core/log.h"
#include "http/server.h"

namespace kf::app {

int run_serve(const GlobalOptions& g, const ServeOptions& s) {
  auto rt_result = open_runtime(g, SchemaMode::migrate, 16);
  if (!rt_result) {
    spdlog::error("无法启动: {} {}", rt_result.error().message, rt_result.error().detail);
    return 1;
  }
  auto& rt = **rt_result;
  auto& cfg = rt.config;
  if (!s.listen.empty()) cfg.server.listen = s.listen;
  if (!s.web_root.empty()) cfg.server.web_root = s.web_root;
  core::init_logging(cfg.log.format, cfg.log.level);

  auto listen = http::parse_listen(cfg.server.listen);
  if (!listen) {
    spdlog::error("{}", listen.error().message);
    return 2;
  }
  http::Metrics metrics;
  http::Router router;
  api::ApiContext ctx{*rt.access, *rt.pool, cfg, metrics};
  api::register_routes(router, ctx);
  auto limiter = std::make_unique<http::RateLimiter>(cfg.rate_limit.per_ip_per_second,
                                                     cfg.rate_limit.burst, rt.clock);
  http::Pipeline pipeline(router, api::make_authenticator(ctx), std::move(limiter),
                          cfg.server.web_root, metrics);
  http::ServerOptions so;
  so.host = listen->first;
  so.port = listen->second;
  so.io_threads = cfg.server.io_threads;
  so.worker_threads = cfg.server.worker_threads;
  so.body_limit_bytes = static_cast<std::uint64_t>(cfg.server.body_limit_bytes);
  so.read_timeout_s = cfg.server.read_timeout_s;
  so.write_timeout_s = cfg.server.write_timeout_s;
  so.shutdown_grace_s = cfg.server.shutdown_grace_s;
  http::Server server(so, pipeline);
  if (auto r = server.start(); !r) {
    spdlog::error("{} ({})", r.error().message, r.error().detail);
    return 1;
  }
  spdlog::info("kaifang listening on http://{}:{}/", so.host, server.port());
  server.run();
  return 0;
}

}  // namespace kf::app

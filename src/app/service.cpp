#include "app/service.h"

namespace kf::app {

HttpService::HttpService(Runtime& rt)
    : rt_(rt), ctx_{*rt.access, *rt.pool, rt.config, metrics_} {
  api::register_routes(router_, ctx_);
  const auto& cfg = rt.config;
  auto limiter = std::make_unique<http::RateLimiter>(cfg.rate_limit.per_ip_per_second,
                                                     cfg.rate_limit.burst, *rt.clock);
  pipeline_ = std::make_unique<http::Pipeline>(router_, api::make_authenticator(ctx_),
                                               std::move(limiter), cfg.server.web_root, metrics_);
}

http::ServerOptions HttpService::server_options() const {
  const auto& s = rt_.config.server;
  http::ServerOptions so;
  so.io_threads = s.io_threads;
  so.worker_threads = s.worker_threads;
  so.body_limit_bytes = static_cast<std::uint64_t>(s.body_limit_bytes);
  so.read_timeout_s = s.read_timeout_s;
  so.write_timeout_s = s.write_timeout_s;
  so.shutdown_grace_s = s.shutdown_grace_s;
  return so;
}

}  // namespace kf::app

#include "app/service.h"

#include <filesystem>

#include "api/site_routes.h"

namespace kf::app {

namespace {
// The HTTP service runs uploads in the background: the job runner must exist before the API
// context refers to it.
Runtime& with_jobs(Runtime& rt) {
  rt.start_jobs();
  return rt;
}
}  // namespace

HttpService::HttpService(Runtime& rt)
    : rt_(with_jobs(rt)),
      key_limiter_(std::make_unique<http::RateLimiter>(rt.config.rate_limit.per_key_per_second,
                                                       rt.config.rate_limit.key_burst, *rt.clock)),
      ctx_{*rt_.access, *rt_.catalog, *rt_.jobs, *rt_.pool, rt_.config, metrics_, *key_limiter_, rt.licence,
           *rt_.calendar, rt_.policy, rt_.brand, *rt_.review, *rt_.open_lists, *rt_.usercentre, *rt_.apply, *rt_.oidc, rt_.grants, *rt_.clock, rt_.test_clock},
      scheduler_(*rt.workflow, rt.config.workflow.tick_seconds) {
  api::register_routes(router_, ctx_);
  const auto& cfg = rt.config;
  auto limiter = std::make_unique<http::RateLimiter>(cfg.rate_limit.per_ip_per_second,
                                                     cfg.rate_limit.burst, *rt.clock);
  pipeline_ = std::make_unique<http::Pipeline>(router_, api::make_authenticator(ctx_),
                                               std::move(limiter), cfg.server.web_root, metrics_, &rt.english);
  // The first answer already carries the deployment's name and brand (no flash of another title).
  pipeline_->set_index_filter([&brand = rt_.brand](std::string_view html) { return api::brand_index_html(brand, html); });
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
  so.tls_cert_file = s.tls_cert;
  so.tls_key_file = s.tls_key;
  so.upload_dir = rt_.catalog->config().work_dir + "/uploads";
  std::error_code ec;
  std::filesystem::create_directories(so.upload_dir, ec);
  return so;
}

}  // namespace kf::app

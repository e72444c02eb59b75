// The assembled HTTP service of one runtime: metrics, routes, authentication, pipeline.
// Used by `kaifang serve` and by the HTTP test suite, so both run the same wiring.
#pragma once

#include <memory>

#include "api/context.h"
#include "app/runtime.h"
#include "app/scheduler.h"
#include "http/server.h"

namespace kf::app {

class HttpService {
 public:
  explicit HttpService(Runtime& rt);
  const http::Router& router() const { return router_; }
  const http::Pipeline& pipeline() const { return *pipeline_; }
  // Server options from the configuration (listen address parsed by the caller).
  http::ServerOptions server_options() const;

 private:
  Runtime& rt_;
  http::Metrics metrics_;
  std::unique_ptr<http::RateLimiter> key_limiter_;
  http::Router router_;
  api::ApiContext ctx_;
  std::unique_ptr<http::Pipeline> pipeline_;
  WorkflowScheduler scheduler_;  // last: stops first
};

}  // namespace kf::app

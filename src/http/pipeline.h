// The request pipeline that runs on a worker thread for every request:
// request id → rate limit → route match → authentication → permission → CSRF → handler,
// then metrics and the JSON access-log line. No network code here, so tests can drive it.
#pragma once

#include <functional>
#include <memory>

#include "core/clock.h"
#include "http/metrics.h"
#include "http/rate_limiter.h"
#include "http/router.h"
#include "http/static_files.h"

namespace kf::http {

// Establishes who is calling from cookies / headers. nullopt: anonymous. An error (e.g. a
// revoked API key) answers 401.
using Authenticator = std::function<Result<std::optional<Principal>>(const Request&)>;

class Pipeline {
 public:
  Pipeline(const Router& router, Authenticator auth, std::unique_ptr<RateLimiter> limiter,
           std::string web_root, Metrics& metrics);

  // Parses the target of `req.raw` into path and query, then answers it.
  Response handle(Request& req) const;
  // See StaticFiles::set_index_filter; call before the server starts.
  void set_index_filter(StaticFiles::IndexFilter f) { static_files_.set_index_filter(std::move(f)); }
  // The API route a request target would reach, or nullptr (used before the body is read).
  const Route* find_route(bh::verb method, std::string_view target) const;

 private:
  Response route(Request& req) const;

  const Router& router_;
  Authenticator auth_;
  std::unique_ptr<RateLimiter> limiter_;
  StaticFiles static_files_;
  Metrics& metrics_;
};

// Header carrying the CSRF token on state-changing cookie-authenticated requests.
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";
inline constexpr std::string_view kSessionCookie = "kf_session";

}  // namespace kf::http

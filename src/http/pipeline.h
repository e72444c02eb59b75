// The request pipeline that runs on a worker thread for every request:
// request id → rate limit → route match → authentication → permission → CSRF → handler,
// then metrics and the JSON access-log line. No network code here, so tests can drive it.
#pragma once

#include <functional>
#include <memory>

#include "core/clock.h"
#include "core/messages.h"
#include "http/localize.h"
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
  // `english`: the English texts of error messages (may be null: errors stay Chinese); it must
  // outlive the pipeline.
  Pipeline(const Router& router, Authenticator auth, std::unique_ptr<RateLimiter> limiter,
           std::string web_root, Metrics& metrics, const core::MessageCatalogue* english = nullptr);

  // Parses the target of `req.raw` into path and query, then answers it. Error answers speak the
  // language the request's Accept-Language prefers (see localize_error).
  Response handle(Request& req) const;
  // Puts an error answer made outside `handle` (the server's 400 / 413 before a handler ran)
  // into the language of `accept_language`.
  void localize(Response& res, std::string_view accept_language) const;
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
  const core::MessageCatalogue* english_;
};

// Header carrying the CSRF token on state-changing cookie-authenticated requests.
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";
inline constexpr std::string_view kSessionCookie = "kf_session";

}  // namespace kf::http

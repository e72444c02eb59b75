// What the API handlers need: the domain services and the deployment configuration.
#pragma once

#include "access/licence.h"
#include "access/service.h"
#include "calendar/calendar_store.h"
#include "catalog/jobs.h"
#include "catalog/service.h"
#include "core/clock.h"
#include "core/config.h"
#include "db/database.h"
#include "http/metrics.h"
#include "http/pipeline.h"
#include "http/router.h"
#include "policy/profile.h"
#include "openlist/openlist.h"
#include "review/review.h"
#include "query/query.h"
#include "usercentre/usercentre.h"

namespace kf::api {

struct ApiContext {
  access::AccessService& access;
  catalog::CatalogService& catalog;
  catalog::IngestJobs& jobs;
  db::Pool& pool;
  const core::Config& config;
  http::Metrics& metrics;
  http::RateLimiter& key_limiter;  // token bucket per API key
  const access::Licence& licence;  // the open-data licence of the deployment
  calendar::CalendarService& calendar;  // the working-day calendar (issue 6)
  const policy::Profile& policy;   // the deployment's policy profile (§14)
  review::ReviewService& review;   // publication review and change requests on the workflow engine
  openlist::OpenListService& open_lists;  // annual open list and plan (CAT-5)
  usercentre::UserCentreService& usercentre;  // favourites, subscriptions, download history
  // The settable scenario test clock (`serve --test-clock`); null on a real deployment. When set,
  // POST /api/v1/testing/clock is registered (testing_handlers.cpp).
  core::ManualClock* test_clock = nullptr;
};

// The deployment's download rule (ACC-1) for this caller: ok, or a 403 error saying what is
// missing (login, real-name verification, licence acceptance).
Result<void> check_download_rule(ApiContext& ctx, const http::Request& req);
// For data queries of a caller who does not meet the rule: the first preview rows only
// (offset 0, $limit at most access.preview_rows); asking for more is refused with the rule's error.
Result<void> restrict_to_preview(ApiContext& ctx, const http::Request& req, query::QueryParams& params);

// For data routes called with an API key: the key's rate limit and daily quota. Returns the
// 429 answer to send, or nothing when the call may go ahead.
std::optional<http::Response> check_key_limits(ApiContext& ctx, const http::Request& req);
// Counts a data API call of an API key (nothing for sessions or anonymous callers).
void record_key_usage(ApiContext& ctx, const http::Request& req, const std::string& entry_code,
                      std::int64_t rows, std::int64_t bytes);

// The catalog's view of the caller (nullptr when anonymous).
std::optional<catalog::Actor> actor_of(const http::Request& req);

// Registers every route of the API with its permission. The router must outlive nothing
// more than the context.
void register_routes(http::Router& router, ApiContext& ctx);

// Resolves X-Api-Key / X-App-Token headers and the session cookie into a principal.
http::Authenticator make_authenticator(ApiContext& ctx);

}  // namespace kf::api

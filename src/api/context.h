// What the API handlers need: the domain services and the deployment configuration.
#pragma once

#include "access/decision.h"
#include "access/licence.h"
#include "access/service.h"
#include "apply/apply.h"
#include "oidc/oidc.h"
#include "calendar/calendar_store.h"
#include "catalog/jobs.h"
#include "catalog/service.h"
#include "core/brand.h"
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
  const core::Brand& brand;        // the portal's name, contact, logo ([brand], issue 12)
  review::ReviewService& review;   // publication review and change requests on the workflow engine
  openlist::OpenListService& open_lists;  // annual open list and plan (CAT-5)
  usercentre::UserCentreService& usercentre;  // favourites, subscriptions, download history
  apply::ApplyService& apply;      // conditional data: applications, agreements, grants (issue 13)
  oidc::OidcClient& oidc;          // [oidc] sign-in through an external identity provider
  const access::GrantRegistry& grants;  // grant sources the access decision asks
  const core::Clock& clock;
  // The settable scenario test clock (`serve --test-clock`); null on a real deployment. When set,
  // POST /api/v1/testing/clock is registered (testing_handlers.cpp).
  core::ManualClock* test_clock = nullptr;
};

// --- The access decision (access/decision.h) as the read paths use it (access_decision.cpp).

// The deployment's rules for the decision: the policy profile's flags and the [access] rule.
access::Rules access_rules(const ApiContext& ctx);
// The caller as the decision sees it (anonymous when there is no principal).
access::Actor access_actor(const http::Request& req);

// One read of an entry's data through a channel: the entry (metadata the caller may see) and
// what the decision allowed. Every route that serves dataset rows or values gets one of these
// through `decide_read` before reading, and serves no more than `decision` allows.
struct DataRead {
  catalog::Entry entry;
  access::Channel channel = access::Channel::rows;
  access::Decision decision;  // never refused here: decide_read returns refusals as errors
  // What the catalog is allowed to serve for this read (staff view: any version, raw rows).
  catalog::ReadPermit permit() const;
};

// Asks the decision for `code` through `channel`. Errors: the entry's not_found (metadata not
// visible to the caller), or the decision's refusal as a kf::Error (see `refusal_error`).
// A decision limited to some fields is served through `permit()`, which projects the columns.
Result<DataRead> decide_read(ApiContext& ctx, const http::Request& req, const std::string& code,
                             access::Channel channel);
// A refused decision as an error: status from the decision (403 / 404), slug as the code, the
// reason as the message, and the action the user can take (sent as error.action).
Error refusal_error(const access::Decision& d);
// Marks a response with the decision it served (X-Access-Decision: CHANNEL; KIND), which the
// read-path enumeration test checks.
void mark_decision(http::Response& res, const DataRead& read);
// After a read a grant allowed (decision.grant_id): records it in the grant's access log (who,
// grant, channel, rows, bytes, fields). Nothing for reads without a grant.
void record_grant_use(ApiContext& ctx, const http::Request& req, const DataRead& read, std::int64_t rows,
                      std::int64_t bytes);
// For query channels answered with preview rows: the first rows only (offset 0, $limit at most
// the decision's preview rows); asking for more is refused with the decision's reason.
Result<void> restrict_to_decision(const DataRead& read, query::QueryParams& params);

// Whether the caller meets the download rule for unconditional data (GET /api/v1/licence's
// may_download): the decision for a download of a published unconditional entry.
access::Decision download_standing(ApiContext& ctx, const http::Request& req);

// For data routes called with an API key: the key's rate limit and daily quota. Returns the
// 429 answer to send, or nothing when the call may go ahead.
std::optional<http::Response> check_key_limits(ApiContext& ctx, const http::Request& req);
// Counts a call of an API key against its quota and usage (nothing for sessions or anonymous
// callers). Downloads call this alone: they are counted as downloads, not as API calls.
void record_key_usage(ApiContext& ctx, const http::Request& req, const std::string& entry_code,
                      std::int64_t rows, std::int64_t bytes);
// Counts an answered data API call (rows, SODA, CKAN datastore_search) of any caller for the
// public statistics, and an API key's usage as record_key_usage does.
void record_data_call(ApiContext& ctx, const http::Request& req, const std::string& entry_code,
                      std::int64_t rows, std::int64_t bytes);

// A case as the caller sees it (GET /api/v1/cases/{id}): the generic fields, the actions the
// caller may take now and the flow's own panel.
boost::json::object case_json_for(ApiContext& ctx, const http::Request& req, const workflow::Case& c);
// The catalog's view of the caller (nullptr when anonymous).
std::optional<catalog::Actor> actor_of(const http::Request& req);

// Registers every route of the API with its permission. The router must outlive nothing
// more than the context.
void register_routes(http::Router& router, ApiContext& ctx);

// Resolves X-Api-Key / X-App-Token headers and the session cookie into a principal.
http::Authenticator make_authenticator(ApiContext& ctx);

}  // namespace kf::api

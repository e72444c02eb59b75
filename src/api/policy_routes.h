// The deployment's policy profile over HTTP (DOMAIN.md §14, issue 6): GET /api/v1/policy.
#pragma once

#include "api/handlers.h"

namespace kf::api {

// Adds GET /api/v1/policy (anyone): labels, flags and procedures with their stages, in the
// shape of policy::to_json. Call once, from register_routes.
void register_policy_routes(http::Router& router, ApiContext& ctx);

}  // namespace kf::api

// Review workflow routes (issue 6): submissions for publication, catalog change requests,
// cases with their history and consistency report, actions, the inbox.
#pragma once

#include "api/context.h"

namespace kf::api {

void register_review_routes(http::Router& router, ApiContext& ctx);

}  // namespace kf::api

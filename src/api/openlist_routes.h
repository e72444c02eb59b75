// Annual open list and plan routes (CAT-5): the public page's current list, and the
// authority's compile / submit / approve.
#pragma once

#include "api/context.h"

namespace kf::api {

void register_openlist_routes(http::Router& router, ApiContext& ctx);

}  // namespace kf::api

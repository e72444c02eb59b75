// User centre routes (issue 7, item 2): the signed-in user's download history, favourites and
// subscriptions of published datasets.
#pragma once

#include "api/context.h"

namespace kf::api {

void register_usercentre_routes(http::Router& router, ApiContext& ctx);

}  // namespace kf::api

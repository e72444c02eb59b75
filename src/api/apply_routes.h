// Conditional data routes (issue 13): applications, the agreement, grants and their access log,
// sanctions and reports, the public list of grant holders, dishonest lists and user grades.
#pragma once

#include "api/context.h"

namespace kf::api {

void register_apply_routes(http::Router& router, ApiContext& ctx);

}  // namespace kf::api

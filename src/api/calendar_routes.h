// The working-day calendar API (issue 6, DOMAIN.md §13): the holiday schedule of a year, working-day
// arithmetic, and the administrators' correction of a year (stored as a database override).
#pragma once

#include "api/handlers.h"

namespace kf::api {

// Adds GET /api/v1/calendar, GET /api/v1/calendar/working-days, GET and PUT /api/v1/calendar/{year}
// (calendar_handlers.cpp). Call once, from register_routes.
void register_calendar_routes(http::Router& router, ApiContext& ctx);

}  // namespace kf::api

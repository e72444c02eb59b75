// The scenario test clock over HTTP (docs/testing.md): POST /api/v1/testing/clock moves the
// settable clock of `kaifang serve --test-clock` and runs the due workflow timers once.
#pragma once

#include "api/handlers.h"

namespace kf::api {

// Adds POST /api/v1/testing/clock (admin). register_routes calls it only when ctx.test_clock is
// set, so a server on the real clock has no such route (404).
void register_testing_routes(http::Router& router, ApiContext& ctx);

}  // namespace kf::api

// Sign-in through an external OpenID Connect identity provider (APP-1).
#pragma once

#include "api/context.h"

namespace kf::api {

void register_oidc_routes(http::Router& router, ApiContext& ctx);

}  // namespace kf::api

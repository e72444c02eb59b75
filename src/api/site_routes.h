// The deployment's portal identity over HTTP (issue 12 item 7): GET /api/v1/site (name, region,
// contact, filing numbers, accessibility statement, colours) and GET /api/v1/site/logo, and the
// same brand written into the web app's index.html so the first paint already carries it.
#pragma once

#include <string>
#include <string_view>

#include "api/handlers.h"
#include "core/brand.h"

namespace kf::api {

// The brand as the portal reads it: {name, name_en, short_name, region: {code, name} | null, url,
// logo_url, contact: {bureau, address, phone, email, hours}, icp, police_filing, site_code,
// accessibility_url, notice, colors: {primary, header}}; settings that are not configured are
// null. accessibility_url is the built-in statement page "/accessibility" unless configured.
boost::json::object site_json(const core::Brand& brand);

// index.html with the brand: the <title> and description say the deployment's name, the header
// colour becomes the theme colour, the logo the icon, and site_json is embedded as
// <script id="kf-site" type="application/json"> (not executed; "<" escaped) before </head>.
std::string brand_index_html(const core::Brand& brand, std::string_view html);

// Adds GET /api/v1/site and GET /api/v1/site/logo (anyone). Call once, from register_routes.
void register_site_routes(http::Router& router, ApiContext& ctx);

}  // namespace kf::api

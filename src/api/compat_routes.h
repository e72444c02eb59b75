// Compatibility endpoints for the tools open-data users bring (issue 4, items 6 and 7):
// the CKAN Action API at /api/3/action/… (and /api/action/…, which ckanapi uses) and DCAT-AP
// catalogues at /api/v1/dcat/catalog.jsonld|.ttl and /api/v1/dcat/datasets/{code}.jsonld|.ttl.
#pragma once

#include "api/handlers.h"

namespace kf::api {

// Adds the CKAN and DCAT routes (ckan_handlers.cpp). Call once, after register_routes' own.
void register_compat_routes(http::Router& router, ApiContext& ctx);

// Absolute URLs are built from the request's Host header as http://HOST (dcat_handlers.cpp):
// behind a TLS proxy, configure it to pass the original Host.
std::string base_url(const Request& req);
// Percent-encodes everything but RFC 3986 unreserved characters (path segments, IRIs).
std::string url_encode(std::string_view s);

// DCAT-AP handlers (dcat_handlers.cpp).
Response handle_dcat_catalog_jsonld(ApiContext& ctx, Request& req);
Response handle_dcat_catalog_ttl(ApiContext& ctx, Request& req);
Response handle_dcat_dataset(ApiContext& ctx, Request& req);  // {file} = CODE.jsonld | CODE.ttl

}  // namespace kf::api

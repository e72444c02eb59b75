// API handlers, one function per route. Each parses its input, calls one domain function
// and shapes the answer; permissions are declared in routes.cpp and checked before.
#pragma once

#include "api/context.h"

// Returns the error response of a failed Result, or binds its value.
#define KF_HTTP_ASSIGN(decl, expr) KF_HTTP_ASSIGN_IMPL(KF_CONCAT(kf_h_, __COUNTER__), decl, expr)
#define KF_HTTP_ASSIGN_IMPL(tmp, decl, expr)                     \
  auto tmp = (expr);                                             \
  if (!tmp) return ::kf::http::error_response(tmp.error());      \
  decl = std::move(tmp).value()
#define KF_HTTP_TRY(expr) KF_HTTP_TRY_IMPL(KF_CONCAT(kf_h_, __COUNTER__), expr)
#define KF_HTTP_TRY_IMPL(tmp, expr)                              \
  do {                                                           \
    auto tmp = (expr);                                           \
    if (!tmp) return ::kf::http::error_response(tmp.error());    \
  } while (0)

namespace kf::api {

using http::Request;
using http::Response;

Response handle_register(ApiContext& ctx, Request& req);
Response handle_login(ApiContext& ctx, Request& req);
Response handle_logout(ApiContext& ctx, Request& req);

Response handle_me(ApiContext& ctx, Request& req);
Response handle_session(ApiContext& ctx, Request& req);
Response handle_verify(ApiContext& ctx, Request& req);
Response handle_list_api_keys(ApiContext& ctx, Request& req);
Response handle_create_api_key(ApiContext& ctx, Request& req);
Response handle_revoke_api_key(ApiContext& ctx, Request& req);
Response handle_licence(ApiContext& ctx, Request& req);
Response handle_mask_scan(ApiContext& ctx, Request& req);
Response handle_mask_preview(ApiContext& ctx, Request& req);
Response handle_accept_licence(ApiContext& ctx, Request& req);

Response handle_list_orgs(ApiContext& ctx, Request& req);
Response handle_get_org(ApiContext& ctx, Request& req);
Response handle_create_org(ApiContext& ctx, Request& req);

Response handle_list_users(ApiContext& ctx, Request& req);
Response handle_create_user(ApiContext& ctx, Request& req);
Response handle_update_user(ApiContext& ctx, Request& req);

Response handle_catalog_search(ApiContext& ctx, Request& req);
Response handle_portal_stats(ApiContext& ctx, Request& req);
Response handle_providers(ApiContext& ctx, Request& req);
Response handle_list_entries(ApiContext& ctx, Request& req);
Response handle_get_entry(ApiContext& ctx, Request& req);
Response handle_create_entry(ApiContext& ctx, Request& req);
Response handle_update_entry(ApiContext& ctx, Request& req);
Response handle_update_dictionary(ApiContext& ctx, Request& req);
Response handle_publish_entry(ApiContext& ctx, Request& req);
Response handle_suspend_entry(ApiContext& ctx, Request& req);
Response handle_withdraw_entry(ApiContext& ctx, Request& req);
Response handle_restore_entry(ApiContext& ctx, Request& req);
Response handle_publish_version(ApiContext& ctx, Request& req);
Response handle_history(ApiContext& ctx, Request& req);
Response handle_history_diff(ApiContext& ctx, Request& req);
Response handle_versions(ApiContext& ctx, Request& req);
Response handle_preview(ApiContext& ctx, Request& req);
Response handle_upload(ApiContext& ctx, Request& req);
Response handle_job(ApiContext& ctx, Request& req);
Response handle_job_adopt(ApiContext& ctx, Request& req);
Response handle_job_rejected(ApiContext& ctx, Request& req);
Response handle_duplicates(ApiContext& ctx, Request& req);
Response handle_due(ApiContext& ctx, Request& req);
Response handle_download(ApiContext& ctx, Request& req);
Response handle_rows(ApiContext& ctx, Request& req);
Response handle_rows_csv(ApiContext& ctx, Request& req);
Response handle_soda(ApiContext& ctx, Request& req);
Response handle_my_usage(ApiContext& ctx, Request& req);
Response handle_all_usage(ApiContext& ctx, Request& req);

Response handle_healthz(ApiContext& ctx, Request& req);
Response handle_readyz(ApiContext& ctx, Request& req);
Response handle_metrics(ApiContext& ctx, Request& req);

// The OpenAPI 3.1 description (openapi.cpp): every route of `router` with its method, summary,
// tag, permission and access channels, completed by the documentation in src/api/openapi/*.json
// (parameters, request bodies, response schemas). Cheap enough to build per request.
boost::json::object openapi_document(const http::Router& router);
// What is wrong with the description of `router`, one line each (empty when nothing): routes
// without documentation, documentation without a route, references to nothing, duplicates.
std::vector<std::string> openapi_problems(const http::Router& router);

}  // namespace kf::api

// GET /api/v1/policy: the active policy profile, so that clients show the deployment's labels,
// stages and deadlines instead of hard-coding one jurisdiction's.
#include "api/policy_routes.h"
#include "policy/profile_json.h"

namespace kf::api {

namespace {

// Each procedure says whether this server runs it (a flow of that case type is registered): the
// profile may describe procedures whose flow has not been built, and the portal lists only those
// a user can start.
Response handle_policy(ApiContext& ctx, Request&) {
  boost::json::object out = policy::to_json(ctx.policy);
  if (auto* procedures = out.if_contains("procedures"); procedures && procedures->is_array()) {
    for (auto& p : procedures->as_array()) {
      if (!p.is_object()) continue;
      auto& o = p.as_object();
      const auto* key = o.if_contains("key");
      o["available"] = key && key->is_string() && ctx.review.engine().flow(std::string(key->as_string())) != nullptr;
    }
  }
  return http::json_response(http::bh::status::ok, out);
}

}  // namespace

void register_policy_routes(http::Router& router, ApiContext& ctx) {
  router.add({http::bh::verb::get, "/api/v1/policy", http::Permission::anyone(),
              [&ctx](Request& req) { return handle_policy(ctx, req); },
              "当前政策配置：开放属性名称、规则，以及各流程的环节、办理方与期限（工作日）", "policy"});
}

}  // namespace kf::api

// GET /api/v1/policy: the active policy profile, so that clients show the deployment's labels,
// stages and deadlines instead of hard-coding one jurisdiction's.
#include "api/policy_routes.h"
#include "policy/profile_json.h"

namespace kf::api {

namespace {

Response handle_policy(ApiContext& ctx, Request&) {
  return http::json_response(http::bh::status::ok, policy::to_json(ctx.policy));
}

}  // namespace

void register_policy_routes(http::Router& router, ApiContext& ctx) {
  router.add({http::bh::verb::get, "/api/v1/policy", http::Permission::anyone(),
              [&ctx](Request& req) { return handle_policy(ctx, req); },
              "当前政策配置：开放属性名称、规则，以及各流程的环节、办理方与期限（工作日）", "policy"});
}

}  // namespace kf::api

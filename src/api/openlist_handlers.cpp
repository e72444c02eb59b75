#include "api/handlers.h"
#include "api/labels.h"
#include "api/openlist_routes.h"
#include "api/views.h"
#include "core/json.h"
#include "openlist/openlist.h"
#include "workflow/workflow.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;

namespace {

json::value case_json(ApiContext& ctx, const workflow::Case& c) {
  return workflow::case_to_json(c, ctx.review.engine().days_left(c));
}

// The list as the API shows it: each item and task with the active profile's open-attribute name.
json::object list_json(ApiContext& ctx, const openlist::OpenList& l) {
  json::object o = openlist::to_json(l);
  for (const char* k : {"items", "plan"}) {
    if (auto* a = o.if_contains(k); a && a->is_array()) {
      for (auto& v : a->as_array()) {
        if (v.is_object()) add_attribute_labels(v.as_object(), ctx.policy);
      }
    }
  }
  return o;
}

Response handle_current(ApiContext& ctx, Request&) {
  return respond(ctx.open_lists.current(), [&ctx](const openlist::OpenList& l) {
    json::object o = list_json(ctx, l);
    // The public sees the list and the plan, not who compiled it or the review case.
    o.erase("compiled_by");
    o.erase("case_id");
    o.erase("case_state");
    return http::json_response(bh::ok, o);
  });
}

Response handle_list(ApiContext& ctx, Request&) {
  return respond(ctx.open_lists.list(true), [](const std::vector<openlist::OpenList>& ls) {
    json::array items;
    for (const auto& l : ls) {
      json::object o = openlist::to_json(l);
      o.erase("items");  // the summary: counts, state, case; the items are on /open-lists/{id}
      o.erase("plan");
      items.push_back(std::move(o));
    }
    return http::json_response(bh::ok, {{"items", items}});
  });
}

Response handle_compile(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto year, core::optional_int(body, "year", "年度"));
  if (!year) return http::error_response(Error::invalid("请填写年度（year）", "year"));
  if (*year < 2000 || *year > 2100) return http::error_response(Error::invalid("年度应在 2000 至 2100 之间", "year"));
  return respond(ctx.open_lists.compile(*actor_of(req), static_cast<int>(*year)), [&ctx](const openlist::OpenList& l) {
    return http::json_response(bh::created, list_json(ctx, l));
  });
}

Response handle_get(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  return respond(ctx.open_lists.get(id),
                 [&ctx](const openlist::OpenList& l) { return http::json_response(bh::ok, list_json(ctx, l)); });
}

Response handle_submit(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body().empty() ? std::string_view("{}") : req.body()));
  KF_HTTP_ASSIGN(auto comment, core::optional_string(body, "comment", "说明"));
  return respond(ctx.open_lists.submit(*actor_of(req), id, comment.value_or("")),
                 [&](const workflow::Case& c) { return http::json_response(bh::created, case_json(ctx, c)); });
}

Response handle_action(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto action, core::required_string(body, "action", "操作"));
  KF_HTTP_ASSIGN(auto comment, core::optional_string(body, "comment", "意见"));
  return respond(ctx.open_lists.act(*actor_of(req), id, action, comment.value_or("")),
                 [&](const workflow::Case& c) { return http::json_response(bh::ok, case_json(ctx, c)); });
}

}  // namespace

void register_openlist_routes(http::Router& router, ApiContext& ctx) {
  using V = http::bh::verb;
  using http::Permission;
  const Permission staff = Permission::any_role({"admin", "authority", "provider"});
  const Permission authority = Permission::any_role({"admin", "authority"});
  auto add = [&](V v, const char* path, Permission p, Response (*fn)(ApiContext&, Request&), const char* summary) {
    router.add({v, path, p, [&ctx, fn](Request& req) { return fn(ctx, req); }, summary, "open-list", false});
  };
  add(V::get, "/api/v1/open-list", Permission::anyone(), handle_current,
      "当前公布的年度开放清单和开放计划（最新年度的最新公布版本）；尚未公布时返回 404");
  add(V::get, "/api/v1/open-lists", staff, handle_list, "开放清单各年度各版本一览（状态、条目数、审核事项）");
  add(V::post, "/api/v1/open-lists", authority, handle_compile,
      "从目录编制某年度开放清单和开放计划（{year}）：重新编制替换该年度草稿，已公布的清单保留");
  add(V::get, "/api/v1/open-lists/{id}", staff, handle_get, "开放清单详情：清单条目、开放计划任务、公布期限");
  add(V::post, "/api/v1/open-lists/{id}/submit", authority, handle_submit,
      "提交开放清单审核（{comment?}），按政策配置的“开放清单”流程办理；被退回的事项重新提交");
  add(V::post, "/api/v1/open-lists/cases/{id}/actions", authority, handle_action,
      "办理开放清单审核事项（{action: approve|return|resubmit|withdraw, comment}），末环节通过即公布清单");
}

}  // namespace kf::api

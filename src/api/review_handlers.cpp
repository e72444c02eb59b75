#include "api/handlers.h"
#include "api/review_routes.h"
#include "api/views.h"
#include "core/json.h"
#include "review/review.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;

namespace {

json::value case_json(ApiContext& ctx, const workflow::Case& c) {
  return workflow::case_to_json(c, ctx.review.engine().days_left(c));
}

// A case is visible only through a party role the caller holds (404 otherwise).
Result<workflow::Case> visible_case(ApiContext& ctx, const Request& req, std::int64_t id) {
  return ctx.review.engine().get_visible(review::to_workflow(*actor_of(req)), id);
}

Result<std::vector<std::string>> extra_reviews_of(const json::object& body) {
  std::vector<std::string> extra;
  if (const auto* x = body.if_contains("extra_reviews")) {
    if (!x->is_array()) return Error::invalid("extra_reviews 应为环节名称数组", "extra_reviews");
    for (const auto& v : x->as_array()) {
      if (!v.is_string()) return Error::invalid("extra_reviews 应为环节名称数组", "extra_reviews");
      extra.emplace_back(v.as_string());
    }
  }
  return extra;
}

Response handle_submit(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto version, core::optional_int(body, "version_id", "数据版本"));
  KF_HTTP_ASSIGN(auto comment, core::optional_string(body, "comment", "说明"));
  if (!version) return http::error_response(Error::invalid("请选择要发布的数据版本", "version_id"));
  KF_HTTP_ASSIGN(auto extra, extra_reviews_of(body));
  return respond(ctx.review.submit_publication(*actor_of(req), req.params["code"], *version, comment.value_or(""), extra),
                 [&](const workflow::Case& c) { return http::json_response(bh::created, case_json(ctx, c)); });
}

Response handle_update_path(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  return respond(ctx.review.update_path(*actor_of(req), req.params["code"], id), [](const review::UpdatePath& p) {
    json::array reasons, problems;
    for (const auto& r : p.reasons) reasons.emplace_back(r);
    for (const auto& x : p.problems) problems.push_back({{"field", x.field}, {"message", x.message}});
    return http::json_response(
        bh::ok, {{"path", p.path},
                 {"label", p.path == "direct" ? "直接发布更新" : "提交更新审核"},
                 {"reasons", reasons},
                 {"basis", p.basis},
                 {"version", {{"id", p.version_id}, {"number", p.version_number}}},
                 {"replaces", {{"id", p.replaces_id}, {"number", p.replaces_number}}},
                 {"complete", p.problems.empty()},
                 {"problems", problems}});
  });
}

Response handle_submit_update(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto version, core::optional_int(body, "version_id", "数据版本"));
  KF_HTTP_ASSIGN(auto comment, core::optional_string(body, "comment", "说明"));
  KF_HTTP_ASSIGN(auto extra, extra_reviews_of(body));
  if (!version) return http::error_response(Error::invalid("请选择要发布的数据版本", "version_id"));
  return respond(ctx.review.submit_update(*actor_of(req), req.params["code"], *version, comment.value_or(""), extra),
                 [&](const workflow::Case& c) { return http::json_response(bh::created, case_json(ctx, c)); });
}

Response handle_completeness(ApiContext& ctx, Request& req) {
  std::optional<std::int64_t> version;
  if (auto it = req.query.find("version_id"); it != req.query.end()) version = std::strtoll(it->second.c_str(), nullptr, 10);
  return respond(ctx.review.completeness(*actor_of(req), req.params["code"], version),
                 [](const std::vector<review::Problem>& ps) {
                   json::array items;
                   for (const auto& p : ps) items.push_back({{"field", p.field}, {"message", p.message}});
                   return http::json_response(bh::ok, {{"complete", ps.empty()}, {"problems", items}});
                 });
}

Response handle_change_request(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto kind, core::required_string(body, "kind", "变更类型"));
  KF_HTTP_ASSIGN(auto reason, core::optional_string(body, "reason", "变更原因"));
  json::object entry;
  if (auto* e = body.if_contains("entry")) {
    if (!e->is_object()) return http::error_response(Error::invalid("entry 应为目录对象", "entry"));
    entry = e->as_object();
  } else if (kind == "modify") {
    return http::error_response(Error::invalid("请提供修改后的目录（entry）", "entry"));
  }
  return respond(ctx.review.submit_change(*actor_of(req), req.params["code"], kind, entry, reason.value_or("")),
                 [&](const workflow::Case& c) { return http::json_response(bh::created, case_json(ctx, c)); });
}

Response handle_list_cases(ApiContext& ctx, Request& req) {
  workflow::CaseFilter f;
  if (auto it = req.query.find("type"); it != req.query.end() && !it->second.empty()) f.type = it->second;
  if (auto it = req.query.find("entry"); it != req.query.end() && !it->second.empty()) f.subject_code = it->second;
  auto flag = [&](const char* k) {
    auto it = req.query.find(k);
    return it != req.query.end() && (it->second == "1" || it->second == "true");
  };
  f.assigned_to_me = flag("assigned");
  f.open_only = flag("open");
  return respond(ctx.review.engine().list(review::to_workflow(*actor_of(req)), f),
                 [&](const std::vector<workflow::Case>& cases) {
                   json::array items;
                   for (const auto& c : cases) items.push_back(case_json(ctx, c));
                   return http::json_response(bh::ok, {{"items", items}});
                 });
}

Response handle_get_case(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto c, visible_case(ctx, req, id));
  KF_HTTP_ASSIGN(auto events, ctx.review.engine().history(id));
  json::object body = case_json_for(ctx, req, c);
  json::array history;
  for (const auto& e : events) history.push_back(workflow::event_to_json(e, &c));
  body["history"] = history;
  if (c.type == "publication" && c.payload.contains("version_id")) {
    auto report = ctx.review.consistency(*actor_of(req), c.subject_code, c.payload.at("version_id").as_int64());
    body["consistency"] = report ? json::value(*report) : json::value(nullptr);
  }
  return http::json_response(bh::ok, body);
}

Response handle_case_action(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto action, core::required_string(body, "action", "操作"));
  KF_HTTP_ASSIGN(auto comment, core::optional_string(body, "comment", "意见"));
  KF_HTTP_ASSIGN(auto version, core::optional_int(body, "version_id", "数据版本"));
  KF_HTTP_TRY(visible_case(ctx, req, id));
  return respond(ctx.review.act(*actor_of(req), id, action, comment.value_or(""), version),
                 [&](const workflow::Case& c) { return http::json_response(bh::ok, case_json_for(ctx, req, c)); });
}

Response handle_industry_application(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto org_id, core::optional_int(body, "org_id", "单位"));
  KF_HTTP_ASSIGN(auto description, core::optional_string(body, "description", "申请说明"));
  if (!org_id) return http::error_response(Error::invalid("请选择申请单位", "org_id"));
  KF_HTTP_ASSIGN(auto org, ctx.access.get_org(*org_id));
  return respond(ctx.review.submit_industry(*actor_of(req), org.id, org.name, org.kind, description.value_or("")),
                 [&](const workflow::Case& c) { return http::json_response(bh::created, case_json(ctx, c)); });
}

Response handle_inbox(ApiContext& ctx, Request& req) {
  auto it = req.query.find("unread");
  bool unread = it != req.query.end() && (it->second == "1" || it->second == "true");
  return respond(ctx.review.engine().notifier().inbox(req.principal->user_id, unread), [](const std::vector<notify::Notification>& ns) {
    json::array items;
    std::int64_t unread_count = 0;
    for (const auto& n : ns) {
      items.push_back(notify::notification_to_json(n));
      if (!n.read_at) ++unread_count;
    }
    return http::json_response(bh::ok, {{"items", items}, {"unread", unread_count}});
  });
}

Response handle_inbox_read(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_TRY(ctx.review.engine().notifier().mark_read(req.principal->user_id, id));
  return http::empty_response(bh::no_content);
}

Response handle_tick(ApiContext& ctx, Request&) {
  return respond(ctx.review.engine().tick(), [](const workflow::TickReport& r) {
    return http::json_response(bh::ok, {{"reminders", r.reminders}, {"overdue", r.overdue}, {"escalated", r.escalated}, {"mailed", r.mailed}});
  });
}

}  // namespace

// The case as the caller sees it: the generic fields, the actions the caller may take now and
// the flow's own panel, so the case page needs nothing per flow but that panel.
json::object case_json_for(ApiContext& ctx, const Request& req, const workflow::Case& c) {
  auto& engine = ctx.review.engine();
  json::object body = case_json(ctx, c).as_object();
  json::array actions;
  const auto actor = review::to_workflow(*actor_of(req));
  for (const auto& x : engine.allowed(actor, c)) {
    actions.push_back({{"code", x.code}, {"label", x.label}, {"needs_comment", x.needs_comment}});
  }
  body["allowed_actions"] = std::move(actions);
  body["may_act"] = engine.may_act(actor, c);
  const auto* flow = engine.flow(c.type);
  body["panel"] = flow ? json::value(flow->describe(c)) : json::value(nullptr);
  return body;
}


void register_review_routes(http::Router& router, ApiContext& ctx) {
  using V = http::bh::verb;
  using http::Permission;
  const Permission staff = Permission::any_role({"admin", "authority", "provider"});
  const Permission editors = Permission::any_role({"admin", "provider"});
  auto add = [&](V v, const char* path, Permission p, Response (*fn)(ApiContext&, Request&), const char* summary) {
    router.add({v, path, p, [&ctx, fn](Request& req) { return fn(ctx, req); }, summary, "review", false});
  };
  add(V::post, "/api/v1/entries/{code}/submit", editors, handle_submit,
      "提交发布审核（{version_id, comment, extra_reviews?}）：先做完整性检查，通过后进入主管部门规范性审核");
  add(V::get, "/api/v1/entries/{code}/versions/{id}/update-path", staff, handle_update_path,
      "已发布目录的新数据版本怎样发布：path = direct（直接发布更新：政策允许，且数据字典、脱敏规则与已发布版本相同、一致性检查通过）"
      "或 review（提交更新审核），附原因 reasons 与依据条款 basis");
  add(V::post, "/api/v1/entries/{code}/updates", editors, handle_submit_update,
      "提交已发布目录的数据更新（{version_id, comment?, extra_reviews?}）：按政策配置直接发布（事项即办结，记入目录历史）"
      "或进入主管部门审核");
  add(V::get, "/api/v1/entries/{code}/completeness", staff, handle_completeness,
      "完整性检查：数据字典、敏感字段脱敏规则、法律依据、数据版本（?version_id=）");
  add(V::post, "/api/v1/entries/{code}/change-requests", editors, handle_change_request,
      "已发布目录的变更或删除申请（{kind: modify|delete, entry?, reason}），主管部门审核通过后生效");
  add(V::get, "/api/v1/cases", Permission::signed_in(), handle_list_cases,
      "审核事项列表（?type=publication|catalog_change&entry=&assigned=1 待我处理&open=1 办理中），逾期和临期在前");
  add(V::get, "/api/v1/cases/{id}", Permission::signed_in(), handle_get_case, "事项详情：当事方、环节、期限（工作日）、办理记录、当前用户可执行的操作、流程面板、一致性审核报告");
  add(V::post, "/api/v1/cases/{id}/actions", Permission::signed_in(), handle_case_action,
      "办理事项（{action: approve|reject|return|resubmit|withdraw|escalate|request_correction|correct|环节定义的结果, comment, version_id?}）；可用操作见事项详情的 allowed_actions");
  add(V::post, "/api/v1/industry-applications", Permission::signed_in(), handle_industry_application,
      "行业数据开放入口（CAT-7）：企业、高校、科研机构申请以本单位名义开放数据（{org_id, description}），主管部门审核");
  add(V::get, "/api/v1/me/inbox", Permission::signed_in(), handle_inbox, "我的消息（待办、提醒、逾期、退回、通过；?unread=1）");
  add(V::post, "/api/v1/me/inbox/{id}/read", Permission::signed_in(), handle_inbox_read, "标记消息已读");
  add(V::post, "/api/v1/workflow/tick", Permission::any_role({"admin"}), handle_tick,
      "立即执行一次期限检查（到期提醒、逾期标记和督办）；服务器每分钟自动执行");
}

}  // namespace kf::api

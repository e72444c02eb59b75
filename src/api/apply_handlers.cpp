// Conditional data (issue 13): applications, materials, the agreement, grants and their access
// log, sanctions and obligations, dishonest lists and user grades. Thin: parse, call one
// function of apply::ApplyService, shape the answer.
#include <fmt/format.h>

#include "api/apply_routes.h"
#include "api/handlers.h"
#include "api/views.h"
#include "apply/agreement_pdf.h"
#include "apply/apply.h"
#include "core/json.h"
#include "http/client.h"
#include "review/review.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;

namespace {

Result<std::optional<std::vector<std::string>>> optional_strings(const json::object& o, const char* key, const char* label) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<std::vector<std::string>>{};
  if (!v->is_array()) return Error::invalid(fmt::format("{}应为字符串数组", label), key);
  std::vector<std::string> out;
  for (const auto& x : v->as_array()) {
    if (!x.is_string()) return Error::invalid(fmt::format("{}应为字符串数组", label), key);
    out.emplace_back(x.as_string());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

std::string text_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Response app_upload(ApiContext& ctx, Request& req) {
  const std::string kind = req.query.count("kind") ? req.query.at("kind") : "";
  const std::string name = req.query.count("name") ? req.query.at("name") : "";
  return respond(ctx.apply.upload(*actor_of(req), kind, name, req.body()), [](const apply::Attachment& a) {
    return http::json_response(bh::created, apply::to_json(a));
  });
}

Response app_get_attachment(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto found, ctx.apply.attachment(*actor_of(req), id));
  Response res{bh::ok, 11};
  res.set(http::bh::field::content_type, found.first.content_type);
  res.set(http::bh::field::content_disposition, "attachment; filename=\"attachment-" + std::to_string(id) + "\"");
  res.set("X-Content-SHA256", found.first.sha256);
  res.body() = std::move(found.second);
  return res;
}

// The material numbers of a submission ("attachments", optional).
Result<std::vector<std::int64_t>> attachment_ids(const json::object& body) {
  std::vector<std::int64_t> out;
  if (const auto* atts = body.if_contains("attachments")) {
    if (!atts->is_array()) return Error::invalid("attachments 应为材料编号数组", "attachments");
    for (const auto& a : atts->as_array()) {
      if (!a.is_int64()) return Error::invalid("attachments 应为材料编号数组", "attachments");
      out.push_back(a.as_int64());
    }
  }
  return out;
}

Response app_submit(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  apply::ApplicationForm f;
  KF_HTTP_ASSIGN(f.entry_code, core::required_string(body, "entry_code", "目录编码"));
  KF_HTTP_ASSIGN(f.org_id, core::optional_int(body, "org_id", "申请单位"));
  KF_HTTP_ASSIGN(f.renews, core::optional_int(body, "renews", "续期的授权"));
  KF_HTTP_ASSIGN(f.amends, core::optional_int(body, "amends", "变更的授权"));
  const json::object empty;
  const auto* form_v = body.if_contains("form");
  if (form_v && !form_v->is_object()) return http::error_response(Error::invalid("form 应为对象", "form"));
  const json::object& form = form_v ? form_v->as_object() : empty;
  f.contact_name = text_of(form, "contact_name");
  f.contact_phone = text_of(form, "contact_phone");
  f.app_name = text_of(form, "app_name");
  f.domain = text_of(form, "domain");
  f.scenario = text_of(form, "scenario");
  f.service_scope = text_of(form, "service_scope");
  f.users = text_of(form, "users");
  f.concurrency = text_of(form, "concurrency");
  f.expected_effect = text_of(form, "expected_effect");
  f.system_name = text_of(form, "system_name");
  f.machine_room = text_of(form, "machine_room");
  f.protection_filing_no = text_of(form, "protection_filing_no");
  KF_HTTP_ASSIGN(auto level, core::optional_int(form, "protection_level", "等保级别"));
  f.protection_level = static_cast<int>(level.value_or(0));
  KF_HTTP_ASSIGN(auto fields, optional_strings(body, "fields", "数据项"));
  f.fields = fields.value_or(std::vector<std::string>{});
  KF_HTTP_ASSIGN(auto channels, optional_strings(body, "channels", "获取方式"));
  f.channels = channels.value_or(std::vector<std::string>{});
  KF_HTTP_ASSIGN(auto months, core::optional_int(body, "months", "使用期限"));
  f.months = static_cast<int>(months.value_or(12));
  KF_HTTP_ASSIGN(f.calls_per_day, core::optional_int(body, "calls_per_day", "每日调用次数"));
  KF_HTTP_ASSIGN(f.rows_per_day, core::optional_int(body, "rows_per_day", "每日数据量"));
  KF_HTTP_ASSIGN(f.commitment_accepted, core::optional_bool(body, "commitment_accepted", false));
  KF_HTTP_ASSIGN(f.conditions_confirmed, core::optional_bool(body, "conditions_confirmed", false));
  KF_HTTP_ASSIGN(f.attachments, attachment_ids(body));
  return respond(ctx.apply.submit(*actor_of(req), f), [&](const workflow::Case& c) {
    return http::json_response(bh::created, case_json_for(ctx, req, c));
  });
}

Response app_list(ApiContext& ctx, Request& req) {
  workflow::CaseFilter filter;
  filter.type = "conditional_application";
  auto mine = req.query.find("assigned");
  filter.assigned_to_me = mine != req.query.end() && (mine->second == "1" || mine->second == "true");
  auto& engine = ctx.apply.engine();
  return respond(engine.list(review::to_workflow(*actor_of(req)), filter), [&](const std::vector<workflow::Case>& cs) {
    json::array items;
    for (const auto& c : cs) {
      json::object o = workflow::case_to_json(c, engine.days_left(c));
      o["entry_name"] = c.payload.contains("entry_name") ? c.payload.at("entry_name") : json::value("");
      o["applicant_name"] = c.payload.contains("applicant_name") ? c.payload.at("applicant_name") : json::value("");
      o.erase("payload");
      items.push_back(std::move(o));
    }
    return http::json_response(bh::ok, {{"items", items}});
  });
}

Response app_get(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto c, ctx.apply.engine().get_visible(review::to_workflow(*actor_of(req)), id));
  if (c.type != "conditional_application") return http::error_response(Error::not_found("申请不存在"));
  json::object body = case_json_for(ctx, req, c);
  json::array history;
  KF_HTTP_ASSIGN(auto events, ctx.apply.engine().history(id));
  for (const auto& e : events) history.push_back(workflow::event_to_json(e, &c));
  body["history"] = std::move(history);
  return http::json_response(bh::ok, body);
}

Response app_action(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto action, core::required_string(body, "action", "操作"));
  KF_HTTP_ASSIGN(auto comment, core::optional_string(body, "comment", "意见"));
  apply::ApplyService::ActOptions o;
  KF_HTTP_ASSIGN(o.granted_fields, optional_strings(body, "granted_fields", "授权数据项"));
  KF_HTTP_ASSIGN(o.calls_per_day, core::optional_int(body, "calls_per_day", "每日调用次数"));
  KF_HTTP_ASSIGN(o.rows_per_day, core::optional_int(body, "rows_per_day", "每日数据量"));
  KF_HTTP_ASSIGN(auto ground, core::optional_string(body, "legal_ground", "拒绝依据"));
  o.legal_ground = ground.value_or("");
  KF_HTTP_ASSIGN(auto c, ctx.apply.engine().get_visible(review::to_workflow(*actor_of(req)), id));
  if (c.type != "conditional_application") return http::error_response(Error::not_found("申请不存在"));
  return respond(ctx.apply.act(*actor_of(req), id, action, comment.value_or(""), o), [&](const workflow::Case& c2) {
    return http::json_response(bh::ok, case_json_for(ctx, req, c2));
  });
}

json::object agreement_json(const apply::Agreement& a) {
  return {{"case_id", a.case_id},
          {"signed", a.id != 0},
          {"text", a.text},
          {"sha256", a.sha256},
          {"template", a.template_name},
          {"signer", a.id ? json::value(a.signer_name) : json::value(nullptr)},
          {"signed_at", a.id ? json::value(core::iso8601(a.signed_at)) : json::value(nullptr)}};
}

Response app_get_agreement(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  return respond(ctx.apply.agreement(*actor_of(req), id),
                 [](const apply::Agreement& a) { return http::json_response(bh::ok, agreement_json(a)); });
}

Response app_agreement_text(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto a, ctx.apply.agreement(*actor_of(req), id));
  Response res{bh::ok, 11};
  res.set(http::bh::field::content_type, "text/markdown; charset=utf-8");
  res.set(http::bh::field::content_disposition,
          "attachment; filename=\"agreement-" + std::to_string(id) + ".md\"");
  res.set("X-Content-SHA256", a.sha256);
  res.body() = a.text;
  return res;
}

Response app_agreement_pdf(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto a, ctx.apply.agreement(*actor_of(req), id));
  apply::PdfInfo info;
  info.title = fmt::format("公共数据开放利用协议（KF-APP-{}）", id);
  info.footer = a.id ? fmt::format("协议编号 KF-APP-{}", id) : fmt::format("协议编号 KF-APP-{}（草稿，尚未签订）", id);
  if (a.id) {
    info.sha256 = a.sha256;
    info.date_ms = a.signed_at;
  }
  KF_HTTP_ASSIGN(auto pdf, apply::render_agreement_pdf(a.text, info));
  Response res{bh::ok, 11};
  res.set(http::bh::field::content_type, "application/pdf");
  res.set(http::bh::field::content_disposition, "attachment; filename=\"agreement-" + std::to_string(id) + ".pdf\"");
  res.set("X-Content-SHA256", a.sha256);
  res.body() = std::move(pdf);
  return res;
}

Response app_sign(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(bool agree, core::optional_bool(body, "agree", false));
  if (!agree) return http::error_response(Error::invalid("请阅读协议后点击“同意并保存”", "agree"));
  return respond(ctx.apply.sign(*actor_of(req), id, req.remote_addr), [&](const workflow::Case& c) {
    return http::json_response(bh::ok, case_json_for(ctx, req, c));
  });
}

Response app_grants(ApiContext& ctx, Request& req) {
  return respond(ctx.apply.grants(*actor_of(req)), [](const std::vector<apply::Grant>& gs) {
    json::array items;
    for (const auto& g : gs) items.push_back(apply::to_json(g));
    return http::json_response(bh::ok, {{"items", items}});
  });
}

Response app_grant(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto g, ctx.apply.grant(*actor_of(req), id));
  KF_HTTP_ASSIGN(auto events, ctx.apply.events(*actor_of(req), id));
  json::object o = apply::to_json(g);
  json::array evs;
  for (const auto& e : events) {
    evs.push_back({{"action", e.action}, {"reason", e.reason}, {"by", e.by}, {"at", core::iso8601(e.at)}});
  }
  o["events"] = std::move(evs);
  return http::json_response(bh::ok, o);
}

Response app_uses(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  return respond(ctx.apply.uses(*actor_of(req), id, 500), [](const std::vector<apply::GrantUseRow>& us) {
    json::array items;
    for (const auto& u : us) {
      json::array fields;
      for (const auto& f : u.fields) fields.emplace_back(f);
      items.push_back({{"id", u.id},
                       {"user_id", u.user_id},
                       {"username", u.username},
                       {"channel", u.channel},
                       {"rows", u.rows},
                       {"bytes", u.bytes},
                       {"fields", fields},
                       {"at", core::iso8601(u.at)}});
    }
    return http::json_response(bh::ok, {{"items", items}});
  });
}

Response app_sanction(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto action, core::required_string(body, "action", "处置方式"));
  KF_HTTP_ASSIGN(auto reason, core::optional_string(body, "reason", "处置理由"));
  KF_HTTP_ASSIGN(auto by, core::optional_string(body, "rectify_by", "整改期限"));
  return respond(ctx.apply.sanction(*actor_of(req), id, action, reason.value_or(""), by),
                 [](const apply::Grant& g) { return http::json_response(bh::ok, apply::to_json(g)); });
}

Response app_notice(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto effective_on, core::required_string(body, "effective_on", "终止日期"));
  KF_HTTP_ASSIGN(auto reason, core::optional_string(body, "reason", "终止理由"));
  return respond(ctx.apply.give_notice(*actor_of(req), id, effective_on, reason.value_or("")),
                 [](const apply::Grant& g) { return http::json_response(bh::ok, apply::to_json(g)); });
}

Response app_report(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto kind, core::required_string(body, "kind", "类型"));
  KF_HTTP_ASSIGN(auto att, core::optional_int(body, "attachment_id", "文件"));
  KF_HTTP_ASSIGN(auto note, core::optional_string(body, "note", "说明"));
  if (!att) return http::error_response(Error::invalid("请先上传文件", "attachment_id"));
  return respond(ctx.apply.report(*actor_of(req), id, kind, *att, note.value_or("")), [](const apply::GrantEvent& e) {
    return http::json_response(bh::created, {{"id", e.id}, {"action", e.action}, {"at", core::iso8601(e.at)}});
  });
}

Response app_holders(ApiContext& ctx, Request&) {
  return respond(ctx.apply.holders(), [](const std::vector<apply::Grant>& gs) {
    json::array items;
    for (const auto& g : gs) {
      // The public list: who, which data, until when; nothing of the grant's terms or use.
      json::object o = apply::to_json(g);
      items.push_back({{"holder_name", o.at("holder_name")},
                       {"entry_code", o.at("entry_code")},
                       {"entry_name", o.at("entry_name")},
                       {"starts_on", o.at("starts_on")},
                       {"expires_on", o.at("expires_on")}});
    }
    return http::json_response(bh::ok, {{"items", items}});
  });
}

Response app_violations(ApiContext& ctx, Request&) {
  return respond(ctx.apply.violations(200),
                 [](const json::array& items) { return http::json_response(bh::ok, {{"items", items}}); });
}

Response app_reevaluations(ApiContext& ctx, Request& req) {
  return respond(ctx.apply.reevaluations(*actor_of(req)),
                 [](const json::array& items) { return http::json_response(bh::ok, {{"items", items}}); });
}

Response app_reevaluate(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto conclusion, core::required_string(body, "conclusion", "评估结论"));
  KF_HTTP_ASSIGN(auto note, core::optional_string(body, "note", "说明"));
  return respond(ctx.apply.reevaluate(*actor_of(req), req.params["code"], conclusion, note.value_or("")),
                 [](const json::object& o) { return http::json_response(bh::created, o); });
}

Response app_import_dishonest(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto kind, core::required_string(body, "kind", "名单类型"));
  KF_HTTP_ASSIGN(auto source, core::required_string(body, "source", "名单来源"));
  KF_HTTP_ASSIGN(auto listed_on, core::required_string(body, "listed_on", "名单日期"));
  KF_HTTP_ASSIGN(auto csv, core::required_string(body, "csv", "名单文件内容"));
  return respond(ctx.apply.import_dishonest(*actor_of(req), kind, source, listed_on, csv), [](const apply::DishonestImport& r) {
    json::array problems;
    for (const auto& p : r.problems) problems.emplace_back(p);
    return http::json_response(bh::created, {{"added", r.added}, {"problems", problems}});
  });
}

Response app_import_dishonest_file(ApiContext& ctx, Request& req) {
  auto q = [&](const char* k) { return req.query.count(k) ? req.query.at(k) : std::string(); };
  return respond(ctx.apply.import_dishonest_file(*actor_of(req), q("kind"), q("source"), q("listed_on"), q("name"), req.body()),
                 [](const apply::DishonestImport& r) {
                   json::array problems;
                   for (const auto& p : r.problems) problems.emplace_back(p);
                   return http::json_response(bh::created, {{"added", r.added}, {"problems", problems}});
                 });
}

Response app_dishonest_summary(ApiContext& ctx, Request& req) {
  return respond(ctx.apply.dishonest_summary(*actor_of(req)),
                 [](const json::array& a) { return http::json_response(bh::ok, {{"items", a}}); });
}

Response app_set_grade(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto user_id, core::optional_int(body, "user_id", "用户"));
  KF_HTTP_ASSIGN(auto org_id, core::optional_int(body, "org_id", "单位"));
  KF_HTTP_ASSIGN(auto grade, core::required_string(body, "grade", "等级"));
  KF_HTTP_ASSIGN(auto reason, core::optional_string(body, "reason", "评定理由"));
  const auto* ev = body.if_contains("evidence");
  if (ev && !ev->is_object()) return http::error_response(Error::invalid("evidence 应为对象", "evidence"));
  return respond(ctx.apply.set_grade(*actor_of(req), user_id, org_id, grade, ev ? ev->as_object() : json::object{},
                                     reason.value_or("主管部门直接评定")),
                 [](const json::object& o) { return http::json_response(bh::ok, o); });
}

Response app_grade_apply(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  apply::ApplyService::GradeRequest r;
  KF_HTTP_ASSIGN(r.org_id, core::optional_int(body, "org_id", "单位"));
  KF_HTTP_ASSIGN(r.grade, core::required_string(body, "grade", "等级"));
  KF_HTTP_ASSIGN(auto level, core::optional_int(body, "protection_level", "等保级别"));
  if (level && (*level < 0 || *level > 5)) {
    return http::error_response(Error::invalid("等保级别应为 1 至 5 级（未定级填 0）", "protection_level"));
  }
  r.protection_level = static_cast<int>(level.value_or(0));
  r.protection_filing_no = text_of(body, "protection_filing_no");
  r.certificates = text_of(body, "certificates");
  r.enterprise_type = text_of(body, "enterprise_type");
  r.note = text_of(body, "note");
  KF_HTTP_ASSIGN(r.attachments, attachment_ids(body));
  return respond(ctx.apply.apply_for_grade(*actor_of(req), r), [&](const workflow::Case& c) {
    return http::json_response(bh::created, case_json_for(ctx, req, c));
  });
}

Response app_grade_action(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto action, core::required_string(body, "action", "操作"));
  KF_HTTP_ASSIGN(auto comment, core::optional_string(body, "comment", "意见"));
  KF_HTTP_ASSIGN(auto grade, core::optional_string(body, "grade", "等级"));
  KF_HTTP_ASSIGN(auto opinion, core::optional_string(body, "expert_opinion", "专家评级意见"));
  KF_HTTP_ASSIGN(auto c, ctx.apply.engine().get_visible(review::to_workflow(*actor_of(req)), id));
  if (c.type != "user_grading") return http::error_response(Error::not_found("等级评定申请不存在"));
  return respond(ctx.apply.act_on_grading(*actor_of(req), id, action, comment.value_or(""), grade, opinion.value_or("")),
                 [&](const workflow::Case& c2) { return http::json_response(bh::ok, case_json_for(ctx, req, c2)); });
}

Response app_my_grade(ApiContext& ctx, Request& req) {
  return respond(ctx.apply.my_grade(*actor_of(req)), [](const json::object& o) { return http::json_response(bh::ok, o); });
}

Response app_grade_changes(ApiContext& ctx, Request& req) {
  return respond(ctx.apply.grade_changes(*actor_of(req), 500),
                 [](const json::array& a) { return http::json_response(bh::ok, {{"items", a}}); });
}

Response app_graded(ApiContext& ctx, Request&) {
  return respond(ctx.apply.graded(), [](const json::array& a) { return http::json_response(bh::ok, {{"items", a}}); });
}

json::object sample_json(const apply::ApplyService::Sample& s) {
  json::array cols, rows;
  for (const auto& c : s.columns) cols.emplace_back(c);
  for (const auto& r : s.rows) {
    json::object o;
    for (std::size_t i = 0; i < r.size() && i < s.columns.size(); ++i) o[s.columns[i]] = r[i];
    rows.push_back(std::move(o));
  }
  return {{"columns", cols}, {"rows", rows}, {"source", s.source}, {"row_count", s.rows.size()}};
}

Response app_sample(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(DataRead read, decide_read(ctx, req, req.params["code"], access::Channel::sample));
  auto n = req.query.count("rows") ? std::strtol(req.query.at("rows").c_str(), nullptr, 10) : 20;
  KF_HTTP_ASSIGN(auto s, ctx.apply.sample(read.entry, static_cast<int>(n)));
  Response res = http::json_response(bh::ok, sample_json(s));
  mark_decision(res, read);
  return res;
}

Response app_sample_csv(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(DataRead read, decide_read(ctx, req, req.params["code"], access::Channel::sample));
  KF_HTTP_ASSIGN(auto s, ctx.apply.sample(read.entry, 200));
  std::string out = "\xEF\xBB\xBF";
  auto line = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      const bool quote = cells[i].find_first_of(",\"\r\n") != std::string::npos;
      if (!quote) {
        out += cells[i];
        continue;
      }
      out += '"';
      for (char ch : cells[i]) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      out += '"';
    }
    out += "\r\n";
  };
  line(s.columns);
  for (const auto& r : s.rows) line(r);
  Response res{bh::ok, 11};
  res.set(http::bh::field::content_type, "text/csv; charset=utf-8");
  res.set(http::bh::field::content_disposition,
          "attachment; filename=\"sample.csv\"; filename*=UTF-8''" + http::form_encode(read.entry.meta.name + "-样例.csv"));
  res.body() = std::move(out);
  mark_decision(res, read);
  return res;
}

Response app_set_sample(ApiContext& ctx, Request& req) {
  if (req.body().empty()) return http::error_response(Error::invalid("请求体应为样例 CSV", "file"));
  return respond(ctx.apply.set_sample(*actor_of(req), req.params["code"], req.body()),
                 [](const apply::ApplyService::Sample& s) { return http::json_response(bh::ok, sample_json(s)); });
}

Response app_delete_sample(ApiContext& ctx, Request& req) {
  return respond(ctx.apply.set_sample(*actor_of(req), req.params["code"], ""),
                 [](const apply::ApplyService::Sample& s) { return http::json_response(bh::ok, sample_json(s)); });
}

}  // namespace

void register_apply_routes(http::Router& router, ApiContext& ctx) {
  using V = http::bh::verb;
  using http::Permission;
  const Permission signed_in = Permission::signed_in();
  const Permission authority = Permission::any_role({"admin", "authority"});
  auto add = [&](V v, const char* path, Permission p, Response (*fn)(ApiContext&, Request&), const char* summary,
                 std::uint64_t body_limit = 0) {
    http::Route r{v, path, p, [&ctx, fn](Request& req) { return fn(ctx, req); }, summary, "conditional-data", false};
    r.body_limit = body_limit;
    router.add(std::move(r));
  };
  add(V::post, "/api/v1/applications/attachments", signed_in, app_upload,
      "上传申请材料或报告文件（?kind=credit_report|protection_certificate|proof|usage_report|data_return|app_result"
      "&name=文件名，请求体为文件；PDF、PNG、JPEG，最大 10 MB），返回编号和 SHA-256",
      11u << 20);
  add(V::get, "/api/v1/applications/attachments/{id}", signed_in, app_get_attachment,
      "下载申请材料（上传者和该申请的当事方）");
  add(V::post, "/api/v1/applications", signed_in, app_submit,
      "提交有条件开放数据申请（申请表 form、需求清单 fields、获取方式 channels、期限 months、安全承诺、材料编号）");
  add(V::get, "/api/v1/applications", signed_in, app_list,
      "我的申请（申请人）或待审核的申请（数据提供单位、主管部门；?assigned=1 只列当前由我办理的）");
  add(V::get, "/api/v1/applications/{id}", signed_in, app_get,
      "申请详情：环节、期限（工作日）、申请表和需求清单、材料、协议、授权、办理记录、可执行的操作");
  add(V::post, "/api/v1/applications/{id}/actions", signed_in, app_action,
      "办理申请（{action, comment, granted_fields?, calls_per_day?, rows_per_day?, legal_ground?}）；"
      "数据提供单位拒绝须写明法律依据");
  add(V::get, "/api/v1/applications/{id}/agreement", signed_in, app_get_agreement,
      "开放利用协议：签订前为按申请生成的文本，签订后为已签文本及其 SHA-256、签署人和时间");
  add(V::get, "/api/v1/applications/{id}/agreement.md", signed_in, app_agreement_text, "下载开放利用协议文本");
  add(V::get, "/api/v1/applications/{id}/agreement.pdf", signed_in, app_agreement_pdf,
      "下载开放利用协议的 PDF（签订后含协议文本的 SHA-256；签订前为草稿）");
  add(V::post, "/api/v1/applications/{id}/agreement", signed_in, app_sign,
      "申请人签订开放利用协议（{agree: true}，即“同意并保存”）");
  add(V::get, "/api/v1/grants", signed_in, app_grants,
      "授权一览：使用方看自己的，数据提供单位看本单位数据的，主管部门看全部");
  add(V::get, "/api/v1/grants/{id}", signed_in, app_grant, "授权详情和处置、报告记录");
  add(V::get, "/api/v1/grants/{id}/uses", signed_in, app_uses,
      "授权的访问记录（谁、方式、行数、字节数、字段、时间），最近 500 条");
  add(V::post, "/api/v1/grants/{id}/sanctions", signed_in, app_sanction,
      "处置授权（{action: suspend|restore|rectify|terminate, reason, rectify_by?}），数据提供单位或主管部门");
  add(V::post, "/api/v1/grants/{id}/notice", signed_in, app_notice,
      "协议一方通知提前终止（{effective_on, reason}），须提前 15 日；授权于终止日期当天结束，通知另一方");
  add(V::post, "/api/v1/grants/{id}/reports", signed_in, app_report,
      "使用方提交利用情况报告、回流数据或应用成果（{kind, attachment_id, note}）");
  add(V::get, "/api/v1/grant-holders", Permission::anyone(), app_holders,
      "公开：获得受限开放数据的主体名单（单位、数据、有效期）；本地区不公开时返回 503");
  add(V::get, "/api/v1/violations", Permission::anyone(), app_violations,
      "公开：利用主体的违规行为和处理措施（暂停、责令整改、终止授权），最近 200 条；本地区不公示时返回 503");
  const Permission staff = Permission::any_role({"admin", "authority", "provider"});
  add(V::get, "/api/v1/reevaluations", staff, app_reevaluations,
      "有条件开放目录的定期评估：上次评估的结论和下次应评估的日期（提供单位看本单位的，主管部门看全部）");
  add(V::post, "/api/v1/entries/{code}/reevaluations", Permission::any_role({"provider"}), app_reevaluate,
      "记录定期评估结论（{conclusion: keep|convert, note}）；继续有条件开放须写明理由，转为无条件开放须再提交目录变更");
  add(V::post, "/api/v1/dishonest-lists", authority, app_import_dishonest,
      "导入失信名单（{kind: 失信被执行人|严重违法失信|经营异常, source, listed_on, csv}；CSV 含统一社会信用代码或身份证号码列）",
      20u << 20);
  add(V::post, "/api/v1/dishonest-lists/file", authority, app_import_dishonest_file,
      "上传失信名单文件（?kind=&source=&listed_on=&name=名单.xlsx，请求体为 CSV 或 XLSX 文件，最大 20 MB）", 20u << 20);
  add(V::get, "/api/v1/dishonest-lists", authority, app_dishonest_summary, "已导入的失信名单（类型、来源、日期、条数）");
  add(V::post, "/api/v1/user-grades", authority, app_set_grade,
      "评定用户或单位等级（{user_id | org_id, grade, evidence: {等保级别、备案号、信用核查、证书、企业类型}}）");
  add(V::get, "/api/v1/user-grades", Permission::anyone(), app_graded, "公开：已评定等级的用户名单");
  add(V::get, "/api/v1/user-grades/changes", authority, app_grade_changes,
      "等级变更记录（评定、直接评定、因违规降级），最近 500 条");
  add(V::post, "/api/v1/grade-applications", signed_in, app_grade_apply,
      "申请等级评定（{org_id?, grade, protection_level, protection_filing_no, certificates, enterprise_type, note, "
      "attachments}）；实名认证用户为本人或所在单位申请，平台核查失信名单");
  add(V::post, "/api/v1/grade-applications/{id}/actions", signed_in, app_grade_action,
      "办理等级评定（{action, comment, grade?, expert_opinion?}）；最后的评级环节通过时须确定等级并写明专家评级意见");
  add(V::get, "/api/v1/me/grade", signed_in, app_my_grade,
      "我的等级：本人和所在单位的等级、等级变更记录、等级评定申请及其期限");
  // ACC-3: samples of conditional data, for any real-name verified user.
  auto add_sample = [&](const char* path, Response (*fn)(ApiContext&, Request&), const char* summary) {
    http::Route r{V::get, path, Permission::anyone(), [&ctx, fn](Request& req) { return fn(ctx, req); }, summary,
                  "conditional-data", false};
    r.channels = {"sample"};
    router.add(std::move(r));
  };
  add_sample("/api/v1/entries/{code}/sample", app_sample,
             "数据样例（?rows=，最多 200 行）：数据提供单位上传的样例，或已发布数据脱敏后前 N 行、敏感字段替换为假名；"
             "有条件开放数据的样例实名认证用户即可查看");
  add_sample("/api/v1/entries/{code}/sample.csv", app_sample_csv, "下载数据样例（CSV，UTF-8 BOM）");
  add(V::put, "/api/v1/entries/{code}/sample", Permission::any_role({"admin", "provider"}), app_set_sample,
      "数据提供单位上传样例（请求体为 CSV，表头为数据项名称，最多 1000 行）", 4u << 20);
  add(V::delete_, "/api/v1/entries/{code}/sample", Permission::any_role({"admin", "provider"}), app_delete_sample,
      "删除上传的样例，改为从已发布数据生成");
}

}  // namespace kf::api

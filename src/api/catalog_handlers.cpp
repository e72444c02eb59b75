// Catalog routes: search, entries, dictionary, history, versions, uploads and jobs.
#include <charconv>

#include "api/handlers.h"
#include "api/labels.h"
#include "api/views.h"
#include "catalog/versions.h"
#include "core/json.h"
#include "ingest/reader.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;

std::optional<catalog::Actor> actor_of(const http::Request& req) {
  if (!req.principal) return std::nullopt;
  const auto& p = *req.principal;
  return catalog::Actor{p.user_id, p.username, p.roles, p.org_ids};
}

namespace {

int int_param(const Request& req, const char* key, int fallback, int lo, int hi) {
  auto it = req.query.find(key);
  if (it == req.query.end()) return fallback;
  int v = fallback;
  std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  return std::clamp(v, lo, hi);
}

std::string str_param(const Request& req, const char* key) {
  auto it = req.query.find(key);
  return it == req.query.end() ? std::string() : it->second;
}

json::value cell(const db::Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* s = std::get_if<std::string>(&v)) return json::value(*s);
  return nullptr;
}

json::array changes_json(const std::vector<catalog::Change>& changes) {
  json::array a;
  for (const auto& c : changes) a.push_back({{"path", c.path}, {"before", c.before}, {"after", c.after}});
  return a;
}

Result<std::pair<catalog::EntryMeta, json::object>> parse_meta(const Request& req) {
  KF_ASSIGN(auto body, core::parse_object(req.body()));
  KF_ASSIGN(auto meta, catalog::meta_from_json(body));
  return std::pair{std::move(meta), std::move(body)};
}

}  // namespace

Response handle_portal_stats(ApiContext& ctx, Request&) {
  KF_HTTP_ASSIGN(auto s, ctx.catalog.portal_stats());
  KF_HTTP_ASSIGN(auto calls, ctx.access.total_calls());
  json::array months;
  for (const auto& [m, n] : s.updates_by_month) months.push_back({{"month", m}, {"entries", n}});
  return http::json_response(bh::ok, {{"entries", s.entries},
                                      {"records", s.records},
                                      {"providers", s.providers},
                                      {"downloads", s.downloads},
                                      {"api_calls", calls},
                                      {"catalog_entries", s.catalog_entries},
                                      {"updates_by_month", months}});
}

Response handle_providers(ApiContext& ctx, Request&) {
  return respond(ctx.catalog.providers(), [](const std::vector<catalog::CatalogService::ProviderSummary>& ps) {
    json::array items;
    std::int64_t datasets = 0, open = 0;
    for (const auto& p : ps) {
      items.push_back({{"id", p.id},
                       {"name", p.name},
                       {"kind", p.kind},
                       {"region_code", p.region_code},
                       {"region_name", p.region_name},
                       {"datasets", p.datasets},
                       {"open_datasets", p.open_datasets}});
      datasets += p.datasets;
      open += p.open_datasets;
    }
    return http::json_response(bh::ok, {{"total", items.size()}, {"datasets", datasets}, {"open_datasets", open},
                                        {"items", items}});
  });
}

Response handle_catalog_search(ApiContext& ctx, Request& req) {
  catalog::SearchQuery q;
  q.q = str_param(req, "q");
  q.provider = str_param(req, "provider");
  q.domain = str_param(req, "domain");
  q.open = str_param(req, "open");
  q.format = str_param(req, "format");
  q.freq = str_param(req, "freq");
  q.region = str_param(req, "region");
  q.sort = str_param(req, "sort");
  if (q.sort.empty()) q.sort = "relevance";
  if (q.sort != "relevance" && q.sort != "updated" && q.sort != "downloads") {
    return http::error_response(Error::invalid("sort 应为 relevance、updated 或 downloads", "sort"));
  }
  q.page = int_param(req, "page", 1, 1, 100000);
  q.size = int_param(req, "size", 20, 1, 100);
  return respond(ctx.catalog.search(q), [&](const catalog::SearchResult& r) {
    json::array items;
    for (const auto* e : r.items) {
      json::object item = entry_view(ctx, *e, false);
      item["downloads"] = r.downloads(*e);  // current, not as old as the index
      items.push_back(std::move(item));
    }
    json::object facets;
    for (const auto& [name, values] : r.facets) {
      json::array a;
      for (const auto& v : values) {
        // The open-attribute facet shows the active profile's names (受限开放 under lishui).
        const std::string label = name == "open" ? policy::open_label(ctx.policy, v.value) : v.label;
        a.push_back({{"value", v.value}, {"label", label}, {"count", v.count}});
      }
      facets[name] = a;
    }
    return http::json_response(bh::ok, {{"total", r.total}, {"page", q.page}, {"size", q.size},
                                        {"items", items}, {"facets", facets}});
  });
}

Response handle_list_entries(ApiContext& ctx, Request& req) {
  return respond(ctx.catalog.list_mine(*actor_of(req)), [&ctx](const std::vector<catalog::Entry>& entries) {
    json::array items;
    for (const auto& e : entries) items.push_back(entry_view(ctx, e, false));
    return http::json_response(bh::ok, {{"items", items}});
  });
}

Response handle_get_entry(ApiContext& ctx, Request& req) {
  auto a = actor_of(req);
  return respond(ctx.catalog.get(a ? &*a : nullptr, req.params["code"]), [&ctx](const catalog::Entry& e) {
    return http::json_response(bh::ok, entry_view(ctx, e, true));
  });
}

Response handle_create_entry(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto parsed, parse_meta(req));
  KF_HTTP_ASSIGN(auto provider, core::optional_int(parsed.second, "provider_id", "数据提供单位"));
  return respond(ctx.catalog.create(*actor_of(req), std::move(parsed.first), provider.value_or(0)),
                 [&ctx](const catalog::Entry& e) { return http::json_response(bh::created, entry_view(ctx, e, true)); });
}

Response handle_update_entry(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto parsed, parse_meta(req));
  KF_HTTP_ASSIGN(auto reason, core::optional_string(parsed.second, "reason", "修改原因"));
  return respond(ctx.catalog.update(*actor_of(req), req.params["code"], std::move(parsed.first), reason.value_or("")),
                 [&ctx](const catalog::Entry& e) { return http::json_response(bh::ok, entry_view(ctx, e, true)); });
}

Response handle_update_dictionary(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto reason, core::optional_string(body, "reason", "修改原因"));
  const json::value* fields_json = body.if_contains("fields");
  if (!fields_json) return http::error_response(Error::invalid("缺少 fields", "fields"));
  KF_HTTP_ASSIGN(auto fields, catalog::fields_from_json(*fields_json));
  return respond(ctx.catalog.update_dictionary(*actor_of(req), req.params["code"], std::move(fields), reason.value_or("")),
                 [&ctx](const catalog::Entry& e) { return http::json_response(bh::ok, entry_view(ctx, e, true)); });
}

Response handle_entry_state(ApiContext& ctx, Request& req, const std::string& action) {
  json::object body;
  if (!req.body().empty()) {
    KF_HTTP_ASSIGN(body, core::parse_object(req.body()));
  }
  KF_HTTP_ASSIGN(auto reason, core::optional_string(body, "reason", "原因"));
  KF_HTTP_ASSIGN(auto version, core::optional_int(body, "version_id", "数据版本"));
  return respond(ctx.catalog.set_state(*actor_of(req), req.params["code"], action, reason.value_or(""), version),
                 [&ctx](const catalog::Entry& e) { return http::json_response(bh::ok, entry_view(ctx, e, true)); });
}

Response handle_publish_entry(ApiContext& ctx, Request& req) { return handle_entry_state(ctx, req, "publish"); }
Response handle_suspend_entry(ApiContext& ctx, Request& req) { return handle_entry_state(ctx, req, "suspend"); }
Response handle_withdraw_entry(ApiContext& ctx, Request& req) { return handle_entry_state(ctx, req, "withdraw"); }
Response handle_restore_entry(ApiContext& ctx, Request& req) { return handle_entry_state(ctx, req, "restore"); }

Response handle_publish_version(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  return respond(ctx.catalog.set_state(*actor_of(req), req.params["code"], "publish", "发布数据版本", id),
                 [&ctx](const catalog::Entry& e) { return http::json_response(bh::ok, entry_view(ctx, e, true)); });
}

Response handle_history(ApiContext& ctx, Request& req) {
  return respond(ctx.catalog.history(*actor_of(req), req.params["code"]), [](const std::vector<catalog::HistoryItem>& h) {
    json::array items;
    for (const auto& i : h) {
      items.push_back({{"revision", i.revision}, {"at", core::iso8601(i.at)}, {"actor", i.actor},
                       {"action", i.action}, {"reason", i.reason}, {"changes", changes_json(i.changes)}});
    }
    return http::json_response(bh::ok, {{"items", items}});
  });
}

Response handle_history_diff(ApiContext& ctx, Request& req) {
  int from = int_param(req, "from", 0, 0, 1 << 30);
  int to = int_param(req, "to", 0, 0, 1 << 30);
  return respond(ctx.catalog.diff(*actor_of(req), req.params["code"], from, to), [&](const std::vector<catalog::Change>& c) {
    return http::json_response(bh::ok, {{"from", from}, {"to", to}, {"changes", changes_json(c)}});
  });
}

Response handle_versions(ApiContext& ctx, Request& req) {
  auto a = actor_of(req);
  return respond(ctx.catalog.versions(a ? &*a : nullptr, req.params["code"]), [](const std::vector<catalog::Version>& vs) {
    json::array items;
    for (const auto& v : vs) items.push_back(catalog::version_to_json(v));
    return http::json_response(bh::ok, {{"items", items}});
  });
}

Response handle_preview(ApiContext& ctx, Request& req) {
  auto a = actor_of(req);
  std::optional<std::int64_t> version;
  if (auto v = str_param(req, "version"); !v.empty()) version = std::strtoll(v.c_str(), nullptr, 10);
  // The access decision: callers who do not meet the download rule see at most the preview rows.
  KF_HTTP_ASSIGN(DataRead read, decide_read(ctx, req, req.params["code"], access::Channel::preview));
  int most = read.decision.kind == access::Decision::Kind::preview ? read.decision.preview_rows : 200;
  return respond(ctx.catalog.preview(a ? &*a : nullptr, req.params["code"], version, int_param(req, "limit", 20, 1, most),
                                     read.permit(), str_param(req, "raw") == "1" || str_param(req, "raw") == "true"),
                 [&ctx, &req, &read](const catalog::Preview& p) {
                   json::array cols, rows;
                   for (const auto& c : p.columns) cols.emplace_back(c);
                   for (const auto& r : p.rows) {
                     json::object o;
                     for (std::size_t i = 0; i < r.size() && i < p.columns.size(); ++i) o[p.columns[i]] = cell(r[i]);
                     rows.push_back(std::move(o));
                   }
                   json::object body{{"columns", cols}, {"rows", rows},
                                     {"version_id", p.version_id ? json::value(*p.version_id) : json::value(nullptr)}};
                   // A preview-only answer says why and what the caller can do to see more.
                   if (read.decision.kind == access::Decision::Kind::preview) {
                     body["access"] = {{"kind", "preview"},
                                       {"code", read.decision.slug},
                                       {"message", read.decision.reason},
                                       {"action", access::to_string(read.decision.action)}};
                   }
                   Response res = http::json_response(bh::ok, body);
                   mark_decision(res, read);
                   record_grant_use(ctx, req, read, static_cast<std::int64_t>(p.rows.size()),
                                    static_cast<std::int64_t>(res.body().size()));
                   return res;
                 });
}

Response handle_upload(ApiContext& ctx, Request& req) {
  catalog::ImportRequest ir;
  ir.path = req.body_file;
  ir.source_name = str_param(req, "filename");
  ir.sheet = str_param(req, "sheet");
  std::string mode = str_param(req, "mode");
  if (mode != "reject" && mode != "quarantine") {
    return http::error_response(Error::invalid("mode 应为 reject（拒绝整个文件）或 quarantine（保留有效行）", "mode"));
  }
  ir.quarantine = mode == "quarantine";
  if (ir.source_name.empty()) return http::error_response(Error::invalid("请给出文件名 filename（用于识别格式）", "filename"));
  if (auto f = ingest::format_from_name(ir.source_name); !f) return http::error_response(f.error());
  return respond(ctx.jobs.submit(*actor_of(req), req.params["code"], ir), [&](const json::object& job) {
    req.body_file.clear();  // the job owns the file now
    return http::json_response(bh::accepted, job);
  });
}

Response handle_job(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  return respond(ctx.jobs.get(*actor_of(req), id), [](const json::object& job) { return http::json_response(bh::ok, job); });
}

Response handle_job_adopt(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  KF_HTTP_ASSIGN(auto reason, core::optional_string(body, "reason", "修改原因"));
  KF_HTTP_ASSIGN(auto mode, core::optional_string(body, "mode", "导入方式"));
  const json::value* fields_json = body.if_contains("fields");
  if (!fields_json) return http::error_response(Error::invalid("缺少 fields（采用的数据字典）", "fields"));
  KF_HTTP_ASSIGN(auto fields, catalog::fields_from_json(*fields_json));
  std::optional<bool> quarantine;
  if (mode) {
    if (*mode != "reject" && *mode != "quarantine") {
      return http::error_response(Error::invalid("mode 应为 reject（拒绝整个文件）或 quarantine（保留有效行）", "mode"));
    }
    quarantine = *mode == "quarantine";
  }
  return respond(ctx.jobs.adopt(*actor_of(req), id, std::move(fields), reason.value_or(""), quarantine),
                 [](const json::object& job) { return http::json_response(bh::accepted, job); });
}

Response handle_job_rejected(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto id, req.id_param("id"));
  return respond(ctx.jobs.rejected_csv(*actor_of(req), id), [&](const std::string& csv) {
    Response res{bh::ok, 11};
    res.set(http::bh::field::content_type, "text/csv; charset=utf-8");
    res.set(http::bh::field::content_disposition,
            "attachment; filename=\"rejected-" + std::to_string(id) + ".csv\"");
    res.body() = csv;
    return res;
  });
}

Response handle_duplicates(ApiContext& ctx, Request&) {
  return respond(ctx.catalog.duplicates(), [](const std::vector<catalog::DuplicateFlag>& flags) {
    json::array items;
    for (const auto& f : flags) {
      json::array its;
      for (const auto& i : f.items) its.emplace_back(i);
      items.push_back({{"entry", {{"code", f.entry_code}, {"name", f.entry_name}, {"provider", f.entry_provider}}},
                       {"source", {{"code", f.source_code}, {"name", f.source_name}, {"provider", f.source_provider}}},
                       {"items", its}});
    }
    return http::json_response(bh::ok, {{"items", items}});
  });
}

Response handle_due(ApiContext& ctx, Request& req) {
  int days = int_param(req, "within_days", 30, 0, 3650);
  return respond(ctx.catalog.due(*actor_of(req), days), [&ctx](const std::vector<catalog::Entry>& entries) {
    json::array items;
    for (const auto& e : entries) items.push_back(entry_view(ctx, e, false));
    return http::json_response(bh::ok, {{"items", items}});
  });
}

}  // namespace kf::api

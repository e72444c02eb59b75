// The CKAN Action API (issue 4, item 6) over the catalog and the data API, so that ckanapi,
// CKAN harvesters and notebooks written for CKAN portals work unchanged.
//
// Mapping: an entry is a package (id = name = entry code, title = name, notes = summary,
// organization = provider, groups = [domain], tags = keywords); the published version is
// offered as three resources "<code>-csv", "<code>-json" and "<code>-xlsx" pointing at the
// download route, the CSV one with datastore_active so that datastore_search queries its rows
// through the data API. Organisations are named "org-<id>" (CKAN names are slugs; our names
// are Chinese) with the real name as title; groups are the domains.
//
// Envelopes as CKAN's: {"help", "success": true, "result"} and on failure
// {"help", "success": false, "error": {"__type", "message", ...}} with CKAN's status codes:
// 404 Not Found Error, 403 Authorization Error, 409 Validation Error, 400 Bad request.
#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <map>
#include <set>

#include "api/compat_routes.h"
#include "core/clock.h"
#include "serve/data_api.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;

namespace {

constexpr const char* kFormats[] = {"csv", "json", "xlsx"};

// --- envelopes

std::string help_url(const Request& req, std::string_view action) {
  return base_url(req) + "/api/3/action/help_show?name=" + std::string(action);
}

Response ckan_ok(const Request& req, std::string_view action, json::value result) {
  return http::json_response(bh::ok, {{"help", help_url(req, action)}, {"success", true}, {"result", std::move(result)}});
}

Response ckan_error(const Request& req, std::string_view action, bh status, std::string_view type,
                    std::string_view message, json::object extra = {}) {
  json::object err = std::move(extra);
  err["__type"] = type;
  err["message"] = message;
  return http::json_response(status, {{"help", help_url(req, action)}, {"success", false}, {"error", std::move(err)}});
}

Response not_found(const Request& req, std::string_view action, std::string_view message = "未找到") {
  return ckan_error(req, action, bh::not_found, "Not Found Error", message);
}

// A validation error naming the offending parameter the way CKAN does ({"id": ["Missing value"]}).
Response invalid(const Request& req, std::string_view action, const std::string& field, const std::string& message) {
  json::object extra;
  if (!field.empty()) extra[field] = json::array{json::value(message)};
  return ckan_error(req, action, bh::conflict, "Validation Error", message, std::move(extra));
}

Response from_error(const Request& req, std::string_view action, const Error& e) {
  switch (e.code) {
    case ErrorCode::not_found: return not_found(req, action, e.message);
    case ErrorCode::permission_denied:
    case ErrorCode::unauthenticated:
      return ckan_error(req, action, bh::forbidden, "Authorization Error", e.message);
    case ErrorCode::invalid_argument: {
      std::string field = e.field;
      if (auto colon = field.rfind(':'); colon != std::string::npos) field = field.substr(0, colon);
      return invalid(req, action, field, e.message);
    }
    default:
      return ckan_error(req, action, http::status_of(e.code), "Internal Server Error", e.message);
  }
}

// --- parameters: the query string, overridden by a JSON object body (POST, as ckanapi sends)

struct Args {
  json::object o;

  std::optional<std::string> str(const char* key) const {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_string()) return std::string(v->as_string());
    return json::serialize(*v);
  }
  // Integer parameter: a JSON number or a decimal string within [lo, hi].
  Result<std::int64_t> integer(const char* key, std::int64_t fallback, std::int64_t lo, std::int64_t hi) const {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) return fallback;
    std::int64_t n = 0;
    if (v->is_int64()) {
      n = v->as_int64();
    } else if (v->is_uint64()) {
      n = static_cast<std::int64_t>(std::min<std::uint64_t>(v->as_uint64(), 1ull << 62));
    } else if (v->is_string()) {
      std::string_view s = v->as_string();
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
      if (ec != std::errc() || p != s.data() + s.size()) return Error::invalid("应为整数", key);
    } else {
      return Error::invalid("应为整数", key);
    }
    if (n < lo || n > hi) return Error::invalid(fmt::format("应在 {} 到 {} 之间", lo, hi), key);
    return n;
  }
  bool boolean(const char* key, bool fallback) const {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) return fallback;
    if (v->is_bool()) return v->as_bool();
    if (v->is_int64()) return v->as_int64() != 0;
    if (v->is_string()) {
      std::string s(v->as_string());
      std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      return s == "true" || s == "1" || s == "yes" || s == "on";
    }
    return fallback;
  }
  // A JSON value given either as JSON or (in a query string) as JSON text.
  Result<std::optional<json::value>> structured(const char* key) const {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) return std::optional<json::value>();
    if (!v->is_string()) return std::optional<json::value>(*v);
    boost::system::error_code ec;
    json::value parsed = json::parse(v->as_string(), ec);
    if (ec) return std::optional<json::value>(*v);  // plain text: the caller decides
    return std::optional<json::value>(std::move(parsed));
  }
};

Result<Args> args_of(const Request& req) {
  Args a;
  for (const auto& [k, v] : req.query) a.o[k] = v;
  if (req.method() == http::bh::verb::post && !req.body().empty()) {
    boost::system::error_code ec;
    json::value body = json::parse(req.body(), ec);
    if (ec || !body.is_object()) return Error::invalid("请求体应为 JSON 对象");
    for (const auto& kv : body.as_object()) a.o[kv.key()] = kv.value();
  }
  return a;
}

// --- mapping

std::string iso(std::int64_t ms) { return core::iso8601(ms); }

std::string org_name(std::int64_t id) { return "org-" + std::to_string(id); }

std::string mime_of(std::string_view fmt) {
  if (fmt == "csv") return "text/csv";
  if (fmt == "json") return "application/json";
  return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

json::object resource_dict(const Request& req, const catalog::Entry& e, std::string_view fmt, int position) {
  const std::string modified = iso(e.data_updated_at.value_or(e.published_at.value_or(e.updated_at)));
  return {{"id", e.meta.code + "-" + std::string(fmt)},
          {"package_id", e.meta.code},
          {"name", e.meta.name + " (" + upper(std::string(fmt)) + ")"},
          {"description", e.meta.summary},
          {"format", upper(std::string(fmt))},
          {"mimetype", mime_of(fmt)},
          {"url", base_url(req) + "/api/v1/datasets/" + url_encode(e.meta.code) + "/download?format=" + std::string(fmt)},
          {"url_type", nullptr},
          {"datastore_active", fmt == "csv"},
          {"state", "active"},
          {"position", position},
          {"created", iso(e.published_at.value_or(e.updated_at))},
          {"last_modified", modified},
          {"metadata_modified", modified}};
}

json::array resources_of(const Request& req, const catalog::Entry& e) {
  json::array a;
  if (!e.published_version_id) return a;
  int i = 0;
  for (const char* f : kFormats) a.push_back(resource_dict(req, e, f, i++));
  return a;
}

json::object org_small(std::int64_t id, const std::string& name) {
  return {{"id", std::to_string(id)}, {"name", org_name(id)}, {"title", name}, {"display_name", name},
          {"type", "organization"}, {"is_organization", true}, {"state", "active"}, {"description", ""},
          {"image_url", ""}, {"approval_status", "approved"}};
}

json::object group_small(const std::string& domain) {
  return {{"id", domain}, {"name", domain}, {"title", domain}, {"display_name", domain},
          {"type", "group"}, {"is_organization", false}, {"state", "active"}, {"description", ""}, {"image_url", ""}};
}

// `downloads`: the entry's current downloads when known (a search result's), else e.downloads.
json::object package_dict(const ApiContext& ctx, const Request& req, const catalog::Entry& e,
                          std::optional<std::int64_t> downloads = std::nullopt) {
  const auto& m = e.meta;
  json::array tags;
  for (const auto& k : m.keywords) {
    tags.push_back({{"id", k}, {"name", k}, {"display_name", k}, {"state", "active"}, {"vocabulary_id", nullptr}});
  }
  json::array groups;
  if (!m.domain.empty()) groups.push_back(group_small(m.domain));
  json::array extras;
  auto extra = [&](const char* k, const std::string& v) {
    if (!v.empty()) extras.push_back({{"key", k}, {"value", v}});
  };
  extra("open_attribute", m.open_attribute);
  extra("open_attribute_label", policy::open_label(ctx.policy, m.open_attribute));  // the profile's name
  extra("open_conditions", m.open_conditions);
  extra("share_attribute", m.share_attribute);
  extra("share_attribute_label", policy::share_label(ctx.policy, m.share_attribute));
  extra("update_frequency", m.update_frequency);
  extra("region_code", m.region_code);
  extra("region_name", e.region_name);
  extra("department", m.department);
  extra("data_type", m.data_type);
  extra("legal_basis", m.legal_basis);
  extra("usage_requirements", m.usage_requirements);
  extra("kaifang_state", e.state);
  if (e.row_count) extra("row_count", std::to_string(*e.row_count));
  extra("downloads", std::to_string(downloads.value_or(e.downloads)));
  json::array resources = resources_of(req, e);
  const std::size_t n_resources = resources.size();
  return {{"id", m.code},
          {"name", m.code},
          {"title", m.name},
          {"notes", m.summary},
          {"type", "dataset"},
          {"state", e.state == "published" ? "active" : "draft"},
          {"private", false},
          {"author", e.provider_name},
          {"author_email", nullptr},
          {"maintainer", m.department.empty() ? e.provider_name : m.department},
          {"maintainer_email", nullptr},
          {"url", base_url(req) + "/datasets/" + url_encode(m.code)},
          {"version", e.published_version_id ? json::value(std::to_string(*e.published_version_id)) : json::value(nullptr)},
          {"license_id", "kaifang-open-data"},
          {"license_title", "公共数据开放许可协议"},
          {"isopen", m.open_attribute == "unconditional"},
          {"metadata_created", iso(e.created_at)},
          {"metadata_modified", iso(e.updated_at)},
          {"owner_org", std::to_string(e.provider_id)},
          {"organization", org_small(e.provider_id, e.provider_name)},
          {"groups", std::move(groups)},
          {"num_tags", m.keywords.size()},
          {"tags", std::move(tags)},
          {"num_resources", n_resources},
          {"resources", std::move(resources)},
          {"extras", std::move(extras)}};
}

std::optional<catalog::Actor> actor(const Request& req) { return actor_of(req); }

// Every published entry in the given search order (the index holds published entries only).
Result<catalog::SearchResult> all_published(ApiContext& ctx, const std::string& q, const std::string& sort) {
  catalog::SearchQuery sq;
  sq.q = q;
  sq.sort = sort;
  sq.page = 1;
  sq.size = 1 << 30;
  return ctx.catalog.search(sq);
}

bool org_matches(std::int64_t id, const std::string& name, const std::string& v) {
  return v == org_name(id) || v == std::to_string(id) || v == name;
}

// --- actions

using Action = Response (*)(ApiContext&, const Request&, const Args&);

Response package_list(ApiContext& ctx, const Request& req, const Args& a) {
  const char* act = "package_list";
  auto limit = a.integer("limit", 1 << 30, 0, 1 << 30);
  if (!limit) return from_error(req, act, limit.error());
  auto offset = a.integer("offset", 0, 0, 1 << 30);
  if (!offset) return from_error(req, act, offset.error());
  auto r = all_published(ctx, "", "updated");
  if (!r) return from_error(req, act, r.error());
  std::vector<std::string> names;
  for (const auto* e : r->items) names.push_back(e->meta.code);
  std::sort(names.begin(), names.end());
  json::array out;
  for (std::size_t i = static_cast<std::size_t>(*offset); i < names.size() && out.size() < static_cast<std::size_t>(*limit); ++i) {
    out.emplace_back(names[i]);
  }
  return ckan_ok(req, act, out);
}

// fq: space-separated field:value terms (values may be quoted), combined with AND.
Result<std::vector<std::pair<std::string, std::string>>> parse_fq(const std::string& fq) {
  std::vector<std::pair<std::string, std::string>> terms;
  std::size_t i = 0;
  while (i < fq.size()) {
    while (i < fq.size() && (fq[i] == ' ' || fq[i] == '+' || fq[i] == '\t')) ++i;
    if (i >= fq.size()) break;
    std::size_t colon = fq.find(':', i);
    std::size_t space = fq.find(' ', i);
    if (colon == std::string::npos || (space != std::string::npos && space < colon)) {
      std::string word = fq.substr(i, space == std::string::npos ? std::string::npos : space - i);
      if (word == "AND") {
        i = space == std::string::npos ? fq.size() : space;
        continue;
      }
      return Error::invalid("fq 的每一项应为 字段:值（organization、groups、tags、res_format）", "fq");
    }
    std::string key = fq.substr(i, colon - i);
    i = colon + 1;
    std::string value;
    if (i < fq.size() && fq[i] == '"') {
      std::size_t end = fq.find('"', i + 1);
      if (end == std::string::npos) return Error::invalid("fq 中的引号不成对", "fq");
      value = fq.substr(i + 1, end - i - 1);
      i = end + 1;
    } else {
      std::size_t end = fq.find(' ', i);
      value = fq.substr(i, end == std::string::npos ? std::string::npos : end - i);
      i = end == std::string::npos ? fq.size() : end;
    }
    if (key != "organization" && key != "owner_org" && key != "groups" && key != "tags" && key != "res_format") {
      return Error::invalid(fmt::format("fq 不支持字段：{}", key), "fq");
    }
    terms.emplace_back(key, value);
  }
  return terms;
}

bool fq_matches(const catalog::Entry& e, const std::vector<std::pair<std::string, std::string>>& terms) {
  for (const auto& [k, v] : terms) {
    if (k == "organization" || k == "owner_org") {
      if (!org_matches(e.provider_id, e.provider_name, v)) return false;
    } else if (k == "groups") {
      if (e.meta.domain != v) return false;
    } else if (k == "tags") {
      if (std::find(e.meta.keywords.begin(), e.meta.keywords.end(), v) == e.meta.keywords.end()) return false;
    } else if (k == "res_format") {
      std::string f = lower(v);
      if (!e.published_version_id || (f != "csv" && f != "json" && f != "xlsx")) return false;
    }
  }
  return true;
}

Response package_search(ApiContext& ctx, const Request& req, const Args& a) {
  const char* act = "package_search";
  auto rows = a.integer("rows", 10, 0, 1000);
  if (!rows) return from_error(req, act, rows.error());
  auto start = a.integer("start", 0, 0, 1 << 30);
  if (!start) return from_error(req, act, start.error());
  auto fq = parse_fq(a.str("fq").value_or(""));
  if (!fq) return from_error(req, act, fq.error());
  std::string q = a.str("q").value_or("");
  if (q == "*:*") q.clear();

  // sort: the first clause decides ("score desc, metadata_modified desc" is CKAN's default).
  std::string sort = a.str("sort").value_or("score desc");
  std::string first = sort.substr(0, sort.find(','));
  std::string field = first.substr(0, first.find(' '));
  bool desc = first.find("desc") != std::string::npos;
  std::string engine_sort;
  if (field == "score" || field.empty()) engine_sort = "relevance";
  else if (field == "metadata_modified") engine_sort = "updated";
  else if (field == "views_recent" || field == "views_total" || field == "downloads") engine_sort = "downloads";
  else if (field == "name" || field == "title_string" || field == "title") engine_sort = "updated";
  else return invalid(req, act, "sort", fmt::format("不支持按此字段排序：{}", field));

  auto r = all_published(ctx, q, engine_sort);
  if (!r) return from_error(req, act, r.error());
  std::vector<const catalog::Entry*> matched;
  for (const auto* e : r->items) {
    if (fq_matches(*e, *fq)) matched.push_back(e);
  }
  if (field == "name") {
    std::stable_sort(matched.begin(), matched.end(), [&](auto x, auto y) { return desc ? x->meta.code > y->meta.code : x->meta.code < y->meta.code; });
  } else if (field == "title_string" || field == "title") {
    std::stable_sort(matched.begin(), matched.end(), [&](auto x, auto y) { return desc ? x->meta.name > y->meta.name : x->meta.name < y->meta.name; });
  } else if (field == "metadata_modified" && !desc) {
    std::reverse(matched.begin(), matched.end());
  }

  // Facets over all matches.
  std::vector<std::string> facet_fields;
  auto ff = a.structured("facet.field");
  if (!ff) return from_error(req, act, ff.error());
  if (*ff) {
    if ((*ff)->is_array()) {
      for (const auto& v : (*ff)->as_array()) {
        if (v.is_string()) facet_fields.emplace_back(v.as_string());
      }
    } else if ((*ff)->is_string()) {
      facet_fields.emplace_back((*ff)->as_string());
    } else {
      return invalid(req, act, "facet.field", "facet.field 应为字段名组成的 JSON 数组");
    }
  }
  json::object facets, search_facets;
  for (const auto& f : facet_fields) {
    std::map<std::string, std::pair<std::string, int>> counts;  // name -> (display name, count)
    for (const auto* e : matched) {
      if (f == "organization") {
        auto& c = counts[org_name(e->provider_id)];
        c.first = e->provider_name;
        ++c.second;
      } else if (f == "groups") {
        if (!e->meta.domain.empty()) {
          auto& c = counts[e->meta.domain];
          c.first = e->meta.domain;
          ++c.second;
        }
      } else if (f == "tags") {
        for (const auto& k : std::set<std::string>(e->meta.keywords.begin(), e->meta.keywords.end())) {
          auto& c = counts[k];
          c.first = k;
          ++c.second;
        }
      } else if (f == "res_format") {
        if (e->published_version_id) {
          for (const char* fmt : kFormats) {
            auto& c = counts[upper(fmt)];
            c.first = upper(fmt);
            ++c.second;
          }
        }
      } else if (f == "license_id") {
        auto& c = counts["kaifang-open-data"];
        c.first = "公共数据开放许可协议";
        ++c.second;
      }
    }
    json::object plain;
    std::vector<std::pair<std::string, std::pair<std::string, int>>> items(counts.begin(), counts.end());
    std::stable_sort(items.begin(), items.end(), [](const auto& x, const auto& y) { return x.second.second > y.second.second; });
    json::array list;
    for (const auto& [name, dc] : items) {
      plain[name] = dc.second;
      list.push_back({{"name", name}, {"display_name", dc.first}, {"count", dc.second}});
    }
    facets[f] = std::move(plain);
    search_facets[f] = {{"title", f}, {"items", std::move(list)}};
  }

  json::array results;
  for (std::size_t i = static_cast<std::size_t>(*start); i < matched.size() && results.size() < static_cast<std::size_t>(*rows); ++i) {
    results.push_back(package_dict(ctx, req, *matched[i], r->downloads(*matched[i])));
  }
  return ckan_ok(req, act, json::object{{"count", matched.size()}, {"sort", sort}, {"results", std::move(results)},
                                        {"facets", std::move(facets)}, {"search_facets", std::move(search_facets)}});
}

Response package_show(ApiContext& ctx, const Request& req, const Args& a) {
  const char* act = "package_show";
  auto id = a.str("id");
  if (!id || id->empty()) id = a.str("name_or_id");
  if (!id || id->empty()) return invalid(req, act, "id", "缺少参数值");
  auto who = actor(req);
  auto e = ctx.catalog.get(who ? &*who : nullptr, *id);
  if (!e) return from_error(req, act, e.error());
  return ckan_ok(req, act, package_dict(ctx, req, *e));
}

// Published entries per provider id.
std::map<std::int64_t, int> package_counts(const catalog::SearchResult& r) {
  std::map<std::int64_t, int> n;
  for (const auto* e : r.items) ++n[e->provider_id];
  return n;
}

Response organization_list(ApiContext& ctx, const Request& req, const Args& a) {
  const char* act = "organization_list";
  auto limit = a.integer("limit", 1000, 0, 1000);
  if (!limit) return from_error(req, act, limit.error());
  auto offset = a.integer("offset", 0, 0, 1 << 30);
  if (!offset) return from_error(req, act, offset.error());
  std::string sort = a.str("sort").value_or("name asc");
  if (sort != "name asc" && sort != "name" && sort != "name desc" && sort != "package_count desc" &&
      sort != "title asc" && sort != "title desc") {
    return invalid(req, act, "sort", fmt::format("不支持的排序方式：{}", sort));
  }
  auto orgs = ctx.access.list_orgs();
  if (!orgs) return from_error(req, act, orgs.error());
  auto r = all_published(ctx, "", "updated");
  if (!r) return from_error(req, act, r.error());
  auto counts = package_counts(*r);
  auto list = std::move(*orgs);
  auto count = [&](const access::Org& o) { auto it = counts.find(o.id); return it == counts.end() ? 0 : it->second; };
  std::stable_sort(list.begin(), list.end(), [&](const access::Org& x, const access::Org& y) {
    if (sort == "package_count desc") return count(x) > count(y);
    if (sort == "title asc") return x.name < y.name;
    if (sort == "title desc") return x.name > y.name;
    if (sort == "name desc") return org_name(x.id) > org_name(y.id);
    return org_name(x.id) < org_name(y.id);
  });
  const bool all = a.boolean("all_fields", false);
  json::array out;
  for (std::size_t i = static_cast<std::size_t>(*offset); i < list.size() && out.size() < static_cast<std::size_t>(*limit); ++i) {
    const auto& o = list[i];
    if (!all) {
      out.emplace_back(org_name(o.id));
      continue;
    }
    auto d = org_small(o.id, o.name);
    d["package_count"] = count(o);
    d["created"] = iso(o.created_at);
    out.push_back(std::move(d));
  }
  return ckan_ok(req, act, out);
}

Response organization_show(ApiContext& ctx, const Request& req, const Args& a) {
  const char* act = "organization_show";
  auto id = a.str("id");
  if (!id || id->empty()) return invalid(req, act, "id", "缺少参数值");
  auto orgs = ctx.access.list_orgs();
  if (!orgs) return from_error(req, act, orgs.error());
  const access::Org* found = nullptr;
  for (const auto& o : *orgs) {
    if (org_matches(o.id, o.name, *id)) found = &o;
  }
  if (!found) return not_found(req, act, "组织机构不存在");
  auto r = all_published(ctx, "", "updated");
  if (!r) return from_error(req, act, r.error());
  json::array packages;
  int n = 0;
  const bool with_datasets = a.boolean("include_datasets", false);
  for (const auto* e : r->items) {
    if (e->provider_id != found->id) continue;
    ++n;
    if (with_datasets && packages.size() < 1000) packages.push_back(package_dict(ctx, req, *e, r->downloads(*e)));
  }
  auto d = org_small(found->id, found->name);
  d["package_count"] = n;
  d["created"] = iso(found->created_at);
  d["extras"] = json::array{json::object{{"key", "region_code"}, {"value", found->region_code}},
                            json::object{{"key", "region_name"}, {"value", found->region_name}},
                            json::object{{"key", "kind"}, {"value", found->kind}},
                            json::object{{"key", "level"}, {"value", found->level}}};
  if (with_datasets) d["packages"] = std::move(packages);
  return ckan_ok(req, act, d);
}

Response group_list(ApiContext& ctx, const Request& req, const Args& a) {
  const char* act = "group_list";
  auto r = all_published(ctx, "", "updated");
  if (!r) return from_error(req, act, r.error());
  std::map<std::string, int> domains;
  for (const auto* e : r->items) {
    if (!e->meta.domain.empty()) ++domains[e->meta.domain];
  }
  const bool all = a.boolean("all_fields", false);
  json::array out;
  for (const auto& [d, n] : domains) {
    if (!all) {
      out.emplace_back(d);
      continue;
    }
    auto g = group_small(d);
    g["package_count"] = n;
    out.push_back(std::move(g));
  }
  return ckan_ok(req, act, out);
}

Response tag_list(ApiContext& ctx, const Request& req, const Args& a) {
  const char* act = "tag_list";
  auto r = all_published(ctx, "", "updated");
  if (!r) return from_error(req, act, r.error());
  std::string query = a.str("query").value_or("");
  std::set<std::string> tags;
  for (const auto* e : r->items) {
    for (const auto& k : e->meta.keywords) {
      if (query.empty() || k.find(query) != std::string::npos) tags.insert(k);
    }
  }
  const bool all = a.boolean("all_fields", false);
  json::array out;
  for (const auto& t : tags) {
    if (all) out.push_back({{"id", t}, {"name", t}, {"display_name", t}, {"vocabulary_id", nullptr}});
    else out.emplace_back(t);
  }
  return ckan_ok(req, act, out);
}

// "<code>-csv" -> (code, "csv"); a bare code means its CSV resource.
std::pair<std::string, std::string> split_resource_id(const std::string& id) {
  auto dash = id.rfind('-');
  if (dash != std::string::npos) {
    std::string fmt = id.substr(dash + 1);
    for (const char* f : kFormats) {
      if (fmt == f) return {id.substr(0, dash), fmt};
    }
  }
  return {id, ""};
}

Response resource_show(ApiContext& ctx, const Request& req, const Args& a) {
  const char* act = "resource_show";
  auto id = a.str("id");
  if (!id || id->empty()) return invalid(req, act, "id", "缺少参数值");
  auto [code, fmt] = split_resource_id(*id);
  if (fmt.empty()) return not_found(req, act, "资源不存在");
  auto who = actor(req);
  auto e = ctx.catalog.get(who ? &*who : nullptr, code);
  if (!e) return from_error(req, act, e.error());
  if (!e->published_version_id) return not_found(req, act, "资源不存在");
  int position = fmt == "csv" ? 0 : fmt == "json" ? 1 : 2;
  return ckan_ok(req, act, resource_dict(req, *e, fmt, position));
}

// --- datastore_search

const char* ckan_type(core::FieldType t) {
  switch (t) {
    case core::FieldType::integer: return "int";
    case core::FieldType::decimal: return "numeric";
    case core::FieldType::boolean: return "bool";
    case core::FieldType::date: return "date";
    case core::FieldType::datetime: return "timestamp";
    default: return "text";
  }
}

json::value record_value(const db::Value& v, core::FieldType t) {
  if (const auto* s = std::get_if<std::string>(&v)) return json::value(*s);
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    return t == core::FieldType::boolean ? json::value(*i != 0) : json::value(*i);
  }
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return nullptr;
}

Result<std::string> quoted_identifier(const std::string& name, const char* param) {
  std::string n = name;
  while (!n.empty() && n.front() == ' ') n.erase(0, 1);
  while (!n.empty() && n.back() == ' ') n.pop_back();
  if (n.size() >= 2 && n.front() == '"' && n.back() == '"') n = n.substr(1, n.size() - 2);
  if (n.empty() || n.find('`') != std::string::npos) return Error::invalid(fmt::format("字段名无效：{}", name), param);
  return "`" + n + "`";
}

std::string soql_literal(const json::value& v) {
  if (v.is_string()) {
    std::string out = "'";
    for (char c : std::string_view(v.as_string())) {
      if (c == '\'') out += '\'';
      out += c;
    }
    return out + "'";
  }
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  return json::serialize(v);
}

std::string scalar_text(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  return json::serialize(v);
}

// Translates CKAN's parameters into the data API's query.
Result<query::QueryParams> datastore_query(const Args& a, std::int64_t limit, std::int64_t offset) {
  query::QueryParams p;
  p.limit = std::to_string(limit);
  p.offset = std::to_string(offset);
  KF_ASSIGN(auto filters, a.structured("filters"));
  std::vector<std::string> where;
  if (filters) {
    if (!filters->is_object()) return Error::invalid("filters 应为 JSON 对象", "filters");
    for (const auto& kv : filters->as_object()) {
      const json::value& v = kv.value();
      if (v.is_array()) {
        KF_ASSIGN(auto col, quoted_identifier(std::string(kv.key()), "filters"));
        if (v.as_array().empty()) return Error::invalid("筛选值列表不能为空", "filters");
        std::string in;
        for (const auto& x : v.as_array()) {
          if (x.is_object() || x.is_array() || x.is_null()) return Error::invalid("筛选值无效", "filters");
          in += (in.empty() ? "" : ", ") + soql_literal(x);
        }
        where.push_back(col + " IN (" + in + ")");
      } else if (v.is_object() || v.is_null()) {
        return Error::invalid(fmt::format("字段 {} 的筛选值无效", std::string(kv.key())), "filters");
      } else {
        p.equals.emplace_back(std::string(kv.key()), scalar_text(v));
      }
    }
  }
  for (std::size_t i = 0; i < where.size(); ++i) p.where += (i ? " AND " : "") + where[i];
  if (auto q = a.o.if_contains("q"); q && !q->is_null()) {
    if (!q->is_string()) return Error::invalid("q 应为字符串（不支持按字段给出 q）", "q");
    p.q = std::string(q->as_string());
  }
  KF_ASSIGN(auto fields, a.structured("fields"));
  if (fields) {
    std::vector<std::string> names;
    if (fields->is_array()) {
      for (const auto& f : fields->as_array()) {
        if (!f.is_string()) return Error::invalid("fields 应为字段名", "fields");
        names.emplace_back(f.as_string());
      }
    } else if (fields->is_string()) {
      std::string s(fields->as_string());
      std::size_t from = 0;
      while (from <= s.size()) {
        auto comma = s.find(',', from);
        names.push_back(s.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
        if (comma == std::string::npos) break;
        from = comma + 1;
      }
    } else {
      return Error::invalid("fields 应为字段名列表", "fields");
    }
    for (const auto& n : names) {
      KF_ASSIGN(auto col, quoted_identifier(n, "fields"));
      p.select += (p.select.empty() ? "" : ", ") + col;
    }
  }
  if (auto sort = a.str("sort"); sort && !sort->empty()) {
    std::size_t from = 0;
    while (from <= sort->size()) {
      auto comma = sort->find(',', from);
      std::string clause = sort->substr(from, comma == std::string::npos ? std::string::npos : comma - from);
      while (!clause.empty() && clause.back() == ' ') clause.pop_back();
      std::string dir;
      for (const char* d : {" desc", " asc", " DESC", " ASC"}) {
        if (clause.size() > 5 && clause.ends_with(d)) {
          dir = upper(std::string(d));
          clause.resize(clause.size() - std::string_view(d).size());
          break;
        }
      }
      KF_ASSIGN(auto col, quoted_identifier(clause, "sort"));
      p.order += (p.order.empty() ? "" : ", ") + col + dir;
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
  }
  return p;
}

Response datastore_search(ApiContext& ctx, const Request& req, const Args& a) {
  const char* act = "datastore_search";
  auto rid = a.str("resource_id");
  if (!rid || rid->empty()) rid = a.str("id");
  if (!rid || rid->empty()) return invalid(req, act, "resource_id", "缺少参数值");
  auto [code, fmt] = split_resource_id(*rid);
  if (!fmt.empty() && fmt != "csv") return not_found(req, act, fmt::format("资源“{}”没有可查询的数据表", *rid));
  auto limit = a.integer("limit", 100, 0, 32000);
  if (!limit) return from_error(req, act, limit.error());
  auto offset = a.integer("offset", 0, 0, 1 << 30);
  if (!offset) return from_error(req, act, offset.error());
  const bool include_total = a.boolean("include_total", true);
  auto params = datastore_query(a, *limit, *offset);
  if (!params) return from_error(req, act, params.error());
  auto who = actor(req);
  auto read = decide_read(ctx, req, code, access::Channel::ckan_datastore);
  if (read) {
    if (auto within = restrict_to_decision(*read, *params); !within) return from_error(req, act, within.error());
  }
  Result<serve::RowsResult> r =
      read ? serve::query_rows(ctx.catalog, who ? &*who : nullptr, code, read->permit(), *params, include_total)
           : Result<serve::RowsResult>(read.error());
  if (!r) {
    if (r.error().code == ErrorCode::not_found) {
      return not_found(req, act, fmt::format("资源“{}”不存在", *rid));
    }
    return from_error(req, act, r.error());
  }
  json::array fields, records;
  for (const auto& c : r->columns) fields.push_back({{"id", c.name}, {"type", ckan_type(c.type)}});
  for (const auto& row : r->rows) {
    json::object o;
    for (std::size_t i = 0; i < row.size() && i < r->columns.size(); ++i) o[r->columns[i].name] = record_value(row[i], r->columns[i].type);
    records.push_back(std::move(o));
  }
  const std::string self = "/api/3/action/datastore_search?resource_id=" + url_encode(*rid);
  json::object result{{"include_total", include_total},
                      {"resource_id", *rid},
                      {"fields", std::move(fields)},
                      {"records_format", "objects"},
                      {"records", std::move(records)},
                      {"limit", *limit},
                      {"offset", *offset},
                      {"_links", {{"start", self}, {"next", self + "&offset=" + std::to_string(*offset + *limit)}}}};
  if (r->total) result["total"] = *r->total;
  Response res = ckan_ok(req, act, result);
  mark_decision(res, *read);
  record_data_call(ctx, req, code, static_cast<std::int64_t>(r->rows.size()), static_cast<std::int64_t>(res.body().size()));
  record_grant_use(ctx, req, *read, static_cast<std::int64_t>(r->rows.size()), static_cast<std::int64_t>(res.body().size()));
  return res;
}

Response status_show(ApiContext& ctx, const Request& req, const Args&) {
  return ckan_ok(req, "status_show",
                 json::object{{"site_title", ctx.brand.config.name},
                              {"site_description", "公共数据开放平台（CKAN 兼容接口）"},
                              {"site_url", base_url(req)},
                              {"ckan_version", "2.10.0"},
                              {"error_emails_to", nullptr},
                              {"locale_default", "zh_Hans_CN"},
                              {"extensions", json::array{"datastore", "dcat"}}});
}

}  // namespace

void register_compat_routes(http::Router& router, ApiContext& ctx) {
  using V = http::bh::verb;
  const http::Permission anyone = http::Permission::anyone();
  struct Def {
    const char* name;
    Action fn;
    const char* summary;
    const char* channel = nullptr;  // the access channel of an action that serves rows
  };
  static constexpr Def kActions[] = {
      {"package_list", package_list, "CKAN：全部已发布数据集的名称（limit, offset）"},
      {"package_search", package_search, "CKAN：检索数据集（q, fq, rows, start, sort, facet.field）"},
      {"package_show", package_show, "CKAN：数据集详情（id = 目录编码）"},
      {"organization_list", organization_list, "CKAN：组织机构列表（all_fields, sort, limit, offset）"},
      {"organization_show", organization_show, "CKAN：组织机构详情（id = org-编号、编号或名称）"},
      {"group_list", group_list, "CKAN：分组（领域）列表（all_fields）"},
      {"tag_list", tag_list, "CKAN：标签（关键词）列表（query, all_fields）"},
      {"resource_show", resource_show, "CKAN：资源详情（id = 目录编码-csv|json|xlsx）"},
      {"datastore_search", datastore_search,
       "CKAN：查询数据（resource_id, filters, q, fields, sort, limit, offset, include_total）", "ckan_datastore"},
      {"status_show", status_show, "CKAN：站点状态"},
  };
  // /api/3/action/… is CKAN's documented path; ckanapi calls /api/action/…. POST carries the
  // parameters as a JSON body, as CKAN clients send them; the actions only read, so POST
  // needs no CSRF token.
  for (const char* prefix : {"/api/3/action/", "/api/action/"}) {
    for (const auto& d : kActions) {
      Action fn = d.fn;
      std::string name = d.name;
      auto handler = [&ctx, fn, name](Request& req) -> Response {
        auto a = args_of(req);
        if (!a) return ckan_error(req, name, bh::bad_request, "Bad request", a.error().message);
        return fn(ctx, req, *a);
      };
      for (auto [verb, csrf_exempt] : {std::pair{V::get, false}, std::pair{V::post, true}}) {
        http::Route r{verb, prefix + name, anyone, handler, d.summary, "ckan", csrf_exempt};
        if (d.channel) r.channels = {d.channel};
        router.add(std::move(r));
      }
    }
  }

  auto bind = [&ctx](Response (*fn)(ApiContext&, Request&)) {
    return [&ctx, fn](Request& req) { return fn(ctx, req); };
  };
  router.add({V::get, "/api/v1/dcat/catalog.jsonld", anyone, bind(handle_dcat_catalog_jsonld),
              "DCAT-AP 数据目录（JSON-LD）", "dcat", false});
  router.add({V::get, "/api/v1/dcat/catalog.ttl", anyone, bind(handle_dcat_catalog_ttl),
              "DCAT-AP 数据目录（Turtle）", "dcat", false});
  // The well-known places harvesters look first.
  router.add({V::get, "/catalog.jsonld", anyone, bind(handle_dcat_catalog_jsonld),
              "DCAT-AP 数据目录（JSON-LD），同 /api/v1/dcat/catalog.jsonld", "dcat", false});
  router.add({V::get, "/catalog.ttl", anyone, bind(handle_dcat_catalog_ttl),
              "DCAT-AP 数据目录（Turtle），同 /api/v1/dcat/catalog.ttl", "dcat", false});
  router.add({V::get, "/api/v1/dcat/datasets/{file}", anyone, bind(handle_dcat_dataset),
              "DCAT-AP 单个数据集：/api/v1/dcat/datasets/{目录编码}.jsonld 或 .ttl", "dcat", false});
}

}  // namespace kf::api

// The data API: GET /api/v1/datasets/{code}/rows (JSON, or CSV with Accept: text/csv or
// rows.csv) and the Socrata-compatible GET /resource/{code}.json|.csv.
#include <fmt/format.h>

#include "api/handlers.h"
#include "serve/data_api.h"
#include "serve/export.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;

namespace {

// Query parameters other than these are ?column=value filters.
bool is_reserved(const std::string& k) {
  return k.starts_with("$") || k == "format" || k == "bom";
}

query::QueryParams query_params(const Request& req) {
  query::QueryParams p;
  auto get = [&](const char* k) {
    auto it = req.query.find(k);
    return it == req.query.end() ? std::string() : it->second;
  };
  p.select = get("$select");
  p.where = get("$where");
  p.order = get("$order");
  p.group = get("$group");
  p.having = get("$having");
  p.q = get("$q");
  if (auto it = req.query.find("$limit"); it != req.query.end()) p.limit = it->second;
  if (auto it = req.query.find("$offset"); it != req.query.end()) p.offset = it->second;
  for (const auto& [k, v] : req.query) {
    if (!is_reserved(k)) p.equals.emplace_back(k, v);
  }
  return p;
}

// Query errors carry their position: {"error":{"code":"invalid_query","message","position"}}.
Response query_error(const Error& e) {
  Response res = http::error_response(e);
  if (e.slug != "invalid_query") return res;
  auto colon = e.field.rfind(':');
  json::object err{{"code", "invalid_query"}, {"message", e.message}};
  if (colon != std::string::npos) {
    err["parameter"] = e.field.substr(0, colon);
    err["position"] = std::strtoll(e.field.c_str() + colon + 1, nullptr, 10);
  }
  return http::json_response(bh::bad_request, {{"error", err}});
}

std::string text_of(const db::Value& v, core::FieldType t) { return catalog::value_text(v, t); }

json::value json_of(const db::Value& v, core::FieldType t) {
  if (const auto* s = std::get_if<std::string>(&v)) return json::value(*s);
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    return t == core::FieldType::boolean ? json::value(*i != 0) : json::value(*i);
  }
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return nullptr;
}

Response csv_response(const serve::RowsResult& r) {
  std::string out;
  for (std::size_t i = 0; i < r.columns.size(); ++i) {
    if (i) out += ',';
    serve::append_csv_field(out, r.columns[i].name);
  }
  out += "\r\n";
  for (const auto& row : r.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      serve::append_csv_field(out, text_of(row[i], r.columns[i].type));
    }
    out += "\r\n";
  }
  Response res{bh::ok, 11};
  res.set(http::bh::field::content_type, "text/csv; charset=utf-8");
  res.body() = std::move(out);
  return res;
}

struct Answer {
  DataRead read;
  serve::RowsResult rows;
};

// Asks the access decision, then runs the query within what it allowed.
Result<Answer> run(ApiContext& ctx, const Request& req, const std::string& code, access::Channel channel,
                   bool total) {
  KF_ASSIGN(DataRead read, decide_read(ctx, req, code, channel));
  query::QueryParams params = query_params(req);
  KF_TRY(restrict_to_decision(read, params));
  auto actor = actor_of(req);
  KF_ASSIGN(auto rows, serve::query_rows(ctx.catalog, actor ? &*actor : nullptr, code, read.permit(), params, total));
  return Answer{std::move(read), std::move(rows)};
}

}  // namespace

Response handle_rows(ApiContext& ctx, Request& req) {
  if (auto refused = check_key_limits(ctx, req)) return *refused;
  auto total_it = req.query.find("$count");
  bool with_total = total_it == req.query.end() || total_it->second != "false";
  auto answer = run(ctx, req, req.params["code"], access::Channel::rows, with_total);
  if (!answer) return query_error(answer.error());
  const serve::RowsResult* r = &answer->rows;
  Response res;
  if (req.header("Accept").find("text/csv") != std::string_view::npos) {
    res = csv_response(*r);
  } else {
    json::array cols, rows;
    for (const auto& c : r->columns) cols.push_back({{"name", c.name}, {"type", core::to_string(c.type)}});
    for (const auto& row : r->rows) {
      json::object o;
      for (std::size_t i = 0; i < row.size() && i < r->columns.size(); ++i) {
        o[r->columns[i].name] = json_of(row[i], r->columns[i].type);
      }
      rows.push_back(std::move(o));
    }
    json::object body{{"columns", cols}, {"rows", rows}};
    if (r->total) body["total"] = *r->total;
    res = http::json_response(bh::ok, body);
  }
  mark_decision(res, answer->read);
  record_data_call(ctx, req, req.params["code"], static_cast<std::int64_t>(r->rows.size()),
                   static_cast<std::int64_t>(res.body().size()));
  record_grant_use(ctx, req, answer->read, static_cast<std::int64_t>(r->rows.size()), static_cast<std::int64_t>(res.body().size()));
  return res;
}

Response handle_rows_csv(ApiContext& ctx, Request& req) {
  if (auto refused = check_key_limits(ctx, req)) return *refused;
  auto answer = run(ctx, req, req.params["code"], access::Channel::rows, false);
  if (!answer) return query_error(answer.error());
  const serve::RowsResult* r = &answer->rows;
  Response res = csv_response(*r);
  mark_decision(res, answer->read);
  record_data_call(ctx, req, req.params["code"], static_cast<std::int64_t>(r->rows.size()),
                   static_cast<std::int64_t>(res.body().size()));
  record_grant_use(ctx, req, answer->read, static_cast<std::int64_t>(r->rows.size()), static_cast<std::int64_t>(res.body().size()));
  return res;
}

// Socrata: /resource/{code}.json returns an array of objects with string values, as SODA 2.x does.
Response handle_soda(ApiContext& ctx, Request& req) {
  if (auto refused = check_key_limits(ctx, req)) return *refused;
  const std::string& file = req.params["file"];
  auto dot = file.rfind('.');
  std::string code = dot == std::string::npos ? file : file.substr(0, dot);
  std::string ext = dot == std::string::npos ? "json" : file.substr(dot + 1);
  if (ext != "json" && ext != "csv") {
    return http::error_response(Error::not_found("只支持 .json 和 .csv"));
  }
  auto answer = run(ctx, req, code, access::Channel::soda, false);
  if (!answer) return query_error(answer.error());
  const serve::RowsResult* r = &answer->rows;
  Response res;
  if (ext == "csv") {
    res = csv_response(*r);
  } else {
    json::array rows;
    for (const auto& row : r->rows) {
      json::object o;
      for (std::size_t i = 0; i < row.size() && i < r->columns.size(); ++i) {
        if (!std::holds_alternative<std::monostate>(row[i])) o[r->columns[i].name] = text_of(row[i], r->columns[i].type);
      }
      rows.push_back(std::move(o));
    }
    res = http::json_response(bh::ok, rows);
  }
  mark_decision(res, answer->read);
  record_data_call(ctx, req, code, static_cast<std::int64_t>(r->rows.size()), static_cast<std::int64_t>(res.body().size()));
  record_grant_use(ctx, req, answer->read, static_cast<std::int64_t>(r->rows.size()), static_cast<std::int64_t>(res.body().size()));
  return res;
}

}  // namespace kf::api

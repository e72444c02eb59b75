// Desensitization for providers: scan a version for personal data and suggested rules
// (MSK-2), preview rules before / after with the k-anonymity of the data as published
// (MSK-4, MSK-5).
#include "api/handlers.h"
#include "api/views.h"
#include "core/json.h"
#include "mask/detect.h"
#include "mask/grading.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;

Response handle_mask_scan(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto version, req.id_param("id"));
  return respond(ctx.catalog.scan_version(*actor_of(req), req.params["code"], version),
                 [](const std::vector<mask::ColumnScan>& scans) {
                   json::array items;
                   for (const auto& s : scans) {
                     items.push_back({{"column", s.column},
                                      {"kind", s.kind ? json::value(std::string(mask::to_string(*s.kind))) : json::value(nullptr)},
                                      {"confidence", s.confidence},
                                      {"share", s.share},
                                      {"personal", s.kind && mask::is_personal(*s.kind)},
                                      {"suggested_rule", s.suggested_rule},
                                      {"suggested_grade", s.kind ? mask::suggested_grade(*s.kind) : std::string()}});
                   }
                   return http::json_response(bh::ok, {{"items", items}});
                 });
}

Response handle_mask_preview(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  catalog::MaskPreviewRequest r;
  KF_HTTP_ASSIGN(r.version_id, core::optional_int(body, "version_id", "数据版本"));
  if (auto it = body.find("rules"); it != body.end()) {
    if (!it->value().is_object()) return http::error_response(Error::invalid("rules 应为 {字段名: 规则} 对象", "rules"));
    for (const auto& [k, v] : it->value().as_object()) {
      if (!v.is_string()) return http::error_response(Error::invalid("每条规则应为字符串", "rules"));
      r.rules[std::string(k)] = std::string(v.as_string());
    }
  }
  if (auto it = body.find("quasi_identifiers"); it != body.end()) {
    if (!it->value().is_array()) return http::error_response(Error::invalid("quasi_identifiers 应为字段名数组", "quasi_identifiers"));
    for (const auto& v : it->value().as_array()) {
      if (!v.is_string()) return http::error_response(Error::invalid("quasi_identifiers 应为字段名数组", "quasi_identifiers"));
      r.quasi_identifiers.emplace_back(v.as_string());
    }
  }
  KF_HTTP_ASSIGN(auto k, core::optional_int(body, "k", "k"));
  if (k) r.k = static_cast<std::size_t>(std::max<std::int64_t>(0, *k));
  KF_HTTP_ASSIGN(auto limit, core::optional_int(body, "limit", "行数"));
  if (limit) r.limit = static_cast<int>(std::clamp<std::int64_t>(*limit, 1, 100));
  return respond(ctx.catalog.mask_preview(*actor_of(req), req.params["code"], r), [](const catalog::MaskPreview& p) {
    auto rows = [](const std::vector<std::vector<std::string>>& rs) {
      json::array out;
      for (const auto& row : rs) {
        json::array cells;
        for (const auto& c : row) cells.emplace_back(c);
        out.push_back(std::move(cells));
      }
      return out;
    };
    json::array cols;
    for (const auto& c : p.columns) cols.emplace_back(c);
    json::object rules;
    for (const auto& [c, rule] : p.rules) rules[c] = rule;
    json::object out{{"version_id", p.version_id}, {"columns", cols}, {"rules", rules},
                     {"before", rows(p.before)}, {"after", rows(p.after)}};
    if (p.k_anonymity) {
      const auto& ka = *p.k_anonymity;
      out["k_anonymity"] = {{"k", ka.k}, {"smallest_class", ka.smallest_class}, {"rows_below_k", ka.rows_below_k},
                            {"classes", ka.classes}, {"satisfied", ka.smallest_class >= ka.k}};
    }
    return http::json_response(bh::ok, out);
  });
}

}  // namespace kf::api

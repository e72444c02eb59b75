// Desensitization in the catalog (MSK-2, MSK-4, MSK-5, MSK-6): the rules live in the data
// dictionary's mask_rule slot; publishing a version produces its desensitized copy, which is
// what every public read serves; raw versions stay with the provider's staff.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <functional>
#include <unordered_map>

#include "catalog/mask_support.h"
#include "catalog/service.h"
#include "mask/masker.h"
#include "mask/rule.h"

namespace kf::catalog {

namespace json = boost::json;

namespace detail {

Result<std::vector<std::optional<mask::Masker>>> maskers_for(const std::vector<core::Field>& columns,
                                                            const std::map<std::string, std::string>& rules,
                                                            const mask::Keys& keys) {
  std::vector<std::optional<mask::Masker>> out(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    auto it = rules.find(columns[i].name);
    if (it == rules.end() || it->second.empty()) continue;
    auto rule = mask::parse_rule(it->second);
    if (!rule) {
      Error e = rule.error();
      e.message = fmt::format("字段「{}」的脱敏规则有误：{}", columns[i].name, e.message);
      e.field = "fields." + columns[i].name + ".mask_rule";
      return e;
    }
    auto m = mask::Masker::create(*rule, keys);
    if (!m) {
      Error e = m.error();
      e.message = fmt::format("字段「{}」的脱敏规则无法执行：{}", columns[i].name, e.message);
      return e;
    }
    out[i] = std::move(*m);
  }
  return out;
}

std::map<std::string, std::string> dictionary_rules(const Entry& e, const Version& v) {
  std::map<std::string, std::string> rules;
  for (const auto& c : v.columns) {
    for (const auto& f : e.meta.fields) {
      if (f.name == c.name && !f.mask_rule.empty()) rules[c.name] = f.mask_rule;
    }
  }
  return rules;
}

std::string rules_json(const std::map<std::string, std::string>& rules) {
  json::object o;
  for (const auto& [k, v] : rules) o[k] = v;
  return json::serialize(o);
}

bool is_staff(const Actor& a, const Entry& e) {
  return a.is("admin") || a.is("authority") || a.member_of(e.provider_id);
}

}  // namespace detail

namespace {

using detail::dictionary_rules;
using detail::is_staff;
using detail::maskers_for;
using detail::rules_json;

// The columns of `v` that are the entry's quasi-identifiers (empty when the check is off or a
// quasi-identifier is not in this version).
std::vector<std::size_t> quasi_columns(const Entry& e, const Version& v) {
  std::vector<std::size_t> out;
  if (e.meta.k_anonymity < 2) return out;
  for (const auto& q : e.meta.quasi_identifiers) {
    auto it = std::find_if(v.columns.begin(), v.columns.end(), [&](const core::Field& f) { return f.name == q; });
    if (it == v.columns.end()) return {};
    out.push_back(static_cast<std::size_t>(it - v.columns.begin()));
  }
  return out;
}

}  // namespace

bool is_sensitive_grade(std::string_view grade) { return grade == "L3" || grade == "L4"; }

Result<void> check_mask_rules(const std::vector<core::Field>& fields) {
  for (const auto& f : fields) {
    if (f.mask_rule.empty()) {
      if (!is_sensitive_grade(f.security_grade)) continue;
      Error e = Error::invalid(fmt::format("字段「{}」安全级别为 {}（敏感），发布前须设置脱敏规则",
                                           f.label.empty() ? f.name : f.label, f.security_grade),
                               "fields." + f.name + ".mask_rule");
      e.slug = "mask_rule_missing";
      return e;
    }
    if (auto r = mask::parse_rule(f.mask_rule); !r) {
      return Error::invalid(fmt::format("字段「{}」的脱敏规则有误：{}", f.name, r.error().message),
                            "fields." + f.name + ".mask_rule");
    }
  }
  return kf::ok();
}

Result<Version> CatalogService::load_version(const Entry& e, std::int64_t version_id) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query(std::string(kVersionSelect) + " WHERE id = ? AND entry_id = ?", {version_id, e.id}));
  if (rs.rows.empty()) return Error::not_found("数据版本不存在");
  return version_from_row(rs.rows[0]);
}

Result<void> CatalogService::ensure_desensitized(const Entry& e, std::int64_t version_id) {
  KF_ASSIGN(Version v, load_version(e, version_id));
  auto rules = dictionary_rules(e, v);
  const auto qi = quasi_columns(e, v);
  std::string wanted = rules.empty() && qi.empty() ? std::string() : rules_json(rules);
  if (!qi.empty()) wanted += fmt::format(" k={} qi={}", e.meta.k_anonymity, fmt::join(e.meta.quasi_identifiers, ","));
  if (wanted == v.masked_rules) return kf::ok();  // made with these rules already (or none needed)
  if (wanted.empty()) {
    // No rule any more: public reads serve the version itself. The old copy is swept later.
    KF_ASSIGN(auto c, pool_.acquire());
    KF_TRY(c->query("UPDATE dataset_versions SET masked_storage = NULL, masked_columns = NULL, masked_rules = NULL "
                    "WHERE id = ?",
                    {v.id}));
    return kf::ok();
  }
  KF_ASSIGN(auto maskers, maskers_for(v.columns, rules, cfg_.mask_keys));
  // A masked column holds text: the function's output need not be of the column's type.
  std::vector<core::Field> masked_columns = v.columns;
  std::vector<db::BulkColumn> bulk;
  std::vector<std::string> key_columns;
  for (std::size_t i = 0; i < masked_columns.size(); ++i) {
    auto& f = masked_columns[i];
    if (maskers[i]) {
      f.type = core::FieldType::text;
      f.check = core::FieldCheck::none;
      f.pattern.clear();
      f.min.reset();
      f.max.reset();
      f.length.reset();
      f.mask_rule = rules[f.name];
    }
    bulk.push_back({physical_column(i), storage_type(f.type)});
    if (f.key && !maskers[i]) key_columns.push_back(physical_column(i));
  }
  auto mask_row = [&](std::vector<db::Value>& row) {
    for (std::size_t i = 0; i < row.size() && i < maskers.size(); ++i) {
      if (!maskers[i] || std::holds_alternative<std::monostate>(row[i])) continue;
      std::string out = maskers[i]->apply(value_text(row[i], v.columns[i].type));
      row[i] = out.empty() ? db::Value{} : db::Value{std::move(out)};
    }
  };
  auto class_of = [&](const std::vector<db::Value>& row) {
    std::string key;
    for (auto i : qi) key += value_text(row[i], core::FieldType::text) + '\x1f';
    return key;
  };
  // Every row of the version, masked as it will be published.
  auto each_masked_row = [&](const std::function<Result<void>(std::vector<db::Value>&)>& fn) -> Result<void> {
    KF_ASSIGN(auto table, store_->open(v.storage));
    KF_ASSIGN(auto cursor, table->connection().open_cursor(
                               "SELECT " + physical_columns(v.columns.size()) + " FROM " + table->name(), {}));
    std::vector<db::Value> row;
    while (true) {
      KF_ASSIGN(bool more, cursor->next(row));
      if (!more) return kf::ok();
      mask_row(row);
      KF_TRY(fn(row));
    }
  };
  // k-anonymity (MSK-5): a first pass counts the equivalence classes of the rows as published.
  std::unordered_map<std::string, std::int64_t> classes;
  if (!qi.empty()) {
    KF_TRY(each_masked_row([&](std::vector<db::Value>& row) -> Result<void> {
      ++classes[class_of(row)];
      return kf::ok();
    }));
  }
  std::int64_t suppressed = 0;
  KF_ASSIGN(auto writer, store_->begin(bulk));
  KF_TRY(each_masked_row([&](std::vector<db::Value>& row) -> Result<void> {
    if (!qi.empty() && classes[class_of(row)] < e.meta.k_anonymity) {
      ++suppressed;
      return kf::ok();
    }
    return writer->append(row);
  }));
  json::array cols_json;
  for (const auto& f : masked_columns) cols_json.push_back(field_to_json(f));
  KF_TRY(writer->commit(
      [&](db::Connection& c, const std::string& storage) -> Result<std::int64_t> {
        KF_TRY(c.query("UPDATE dataset_versions SET masked_storage = ?, masked_columns = ?, masked_rules = ? WHERE id = ?",
                       {storage, json::serialize(cols_json), wanted, v.id}));
        return v.id;
      },
      key_columns));
  spdlog::info("{{\"event\":\"desensitized\",\"entry\":\"{}\",\"version_id\":{},\"rows\":{},\"columns\":{},"
               "\"suppressed_rows\":{}}}",
               e.meta.code, v.id, v.row_count, rules.size(), suppressed);
  return kf::ok();
}

Result<MaskPreview> CatalogService::mask_preview(const Actor& a, const std::string& code,
                                                 const MaskPreviewRequest& req) {
  KF_ASSIGN(Entry e, get(&a, code));
  if (!is_staff(a, e)) return Error::denied("只有数据提供单位、主管部门或管理员可以预览脱敏效果");
  std::int64_t vid = 0;
  if (req.version_id) {
    vid = *req.version_id;
  } else {
    KF_ASSIGN(auto c, pool_.acquire());
    KF_ASSIGN(auto rs, c->query("SELECT id FROM dataset_versions WHERE entry_id = ? ORDER BY number DESC LIMIT 1",
                                {e.id}));
    if (rs.rows.empty()) return Error::not_found("该目录还没有数据版本，请先上传数据");
    vid = rs.rows[0].int64(0);
  }
  KF_ASSIGN(Version v, load_version(e, vid));
  MaskPreview out;
  out.version_id = v.id;
  out.rules = dictionary_rules(e, v);
  for (const auto& [col, rule] : req.rules) {
    bool known = std::any_of(v.columns.begin(), v.columns.end(), [&](const core::Field& f) { return f.name == col; });
    if (!known) return Error::invalid(fmt::format("数据中没有字段「{}」", col), "rules");
    if (rule.empty()) out.rules.erase(col);
    else out.rules[col] = rule;
  }
  std::vector<std::size_t> qi;
  for (const auto& name : req.quasi_identifiers) {
    auto it = std::find_if(v.columns.begin(), v.columns.end(), [&](const core::Field& f) { return f.name == name; });
    if (it == v.columns.end()) return Error::invalid(fmt::format("数据中没有字段「{}」", name), "quasi_identifiers");
    qi.push_back(static_cast<std::size_t>(it - v.columns.begin()));
  }
  if (req.k < 2 || req.k > 1000) return Error::invalid("k 应在 2–1000 之间", "k");
  KF_ASSIGN(auto maskers, maskers_for(v.columns, out.rules, cfg_.mask_keys));
  for (const auto& f : v.columns) out.columns.push_back(f.name);
  const std::size_t limit = static_cast<std::size_t>(std::clamp(req.limit, 1, 100));
  // Quasi-identifier values of every row as published, for the k-anonymity check.
  std::vector<std::vector<std::string>> published_qi;
  KF_TRY(store_->read(v.storage, [&](db::Connection& c, const std::string& table) -> Result<void> {
    KF_ASSIGN(auto cursor, c.open_cursor(fmt::format("SELECT {} FROM {}", physical_columns(v.columns.size()), table), {}));
    std::vector<db::Value> row;
    while (true) {
      KF_ASSIGN(bool more, cursor->next(row));
      if (!more) break;
      const bool shown = out.before.size() < limit;
      if (!shown && qi.empty()) break;
      std::vector<std::string> raw(row.size()), masked(row.size());
      for (std::size_t i = 0; i < row.size() && i < v.columns.size(); ++i) {
        raw[i] = value_text(row[i], v.columns[i].type);
        masked[i] = maskers[i] && !raw[i].empty() ? maskers[i]->apply(raw[i]) : raw[i];
      }
      if (!qi.empty()) {
        std::vector<std::string> q;
        for (auto i : qi) q.push_back(masked[i]);
        published_qi.push_back(std::move(q));
      }
      if (shown) {
        out.before.push_back(std::move(raw));
        out.after.push_back(std::move(masked));
      }
    }
    return kf::ok();
  }));
  if (!qi.empty()) {
    std::vector<std::size_t> all(qi.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    out.k_anonymity = mask::k_anonymity(published_qi, all, req.k);
  }
  return out;
}

}  // namespace kf::catalog

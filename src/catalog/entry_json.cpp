#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "catalog/due.h"
#include "catalog/entry.h"
#include "core/clock.h"

namespace kf::catalog {

namespace json = boost::json;

namespace {

template <typename List>
bool one_of(const List& list, std::string_view v) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

// Reads keys of one JSON object with clear errors, and remembers which keys it knew.
class Reader {
 public:
  explicit Reader(const json::object& o) : o_(o) {}

  Result<void> str(const char* key, std::string& out) {
    known_.insert(key);
    const json::value* v = o_.if_contains(key);
    if (!v || v->is_null()) return kf::ok();
    if (!v->is_string()) return Error::invalid(fmt::format("{} 应为字符串", key), key);
    out = std::string(v->as_string());
    return kf::ok();
  }
  Result<void> list(const char* key, std::vector<std::string>& out) {
    known_.insert(key);
    const json::value* v = o_.if_contains(key);
    if (!v || v->is_null()) return kf::ok();
    if (!v->is_array()) return Error::invalid(fmt::format("{} 应为字符串数组", key), key);
    out.clear();
    for (const auto& x : v->as_array()) {
      if (!x.is_string()) return Error::invalid(fmt::format("{} 应为字符串数组", key), key);
      std::string item(x.as_string());
      // The lists (formats, keywords, …) are sets: a value given twice is kept once.
      if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(std::move(item));
    }
    return kf::ok();
  }
  Result<void> boolean(const char* key, bool& out) {
    known_.insert(key);
    const json::value* v = o_.if_contains(key);
    if (!v || v->is_null()) return kf::ok();
    if (!v->is_bool()) return Error::invalid(fmt::format("{} 应为布尔值", key), key);
    out = v->as_bool();
    return kf::ok();
  }
  // A number or a string ("" = none) for min / max / length.
  Result<void> opt_text(const char* key, std::optional<std::string>& out) {
    known_.insert(key);
    const json::value* v = o_.if_contains(key);
    if (!v || v->is_null()) return kf::ok();
    if (v->is_string()) {
      if (!v->as_string().empty()) out = std::string(v->as_string());
    } else if (v->is_number()) {
      out = json::serialize(*v);
    } else {
      return Error::invalid(fmt::format("{} 应为数字或字符串", key), key);
    }
    return kf::ok();
  }
  Result<void> opt_int(const char* key, std::optional<int>& out) {
    known_.insert(key);
    const json::value* v = o_.if_contains(key);
    if (!v || v->is_null()) return kf::ok();
    if (!v->is_int64() || v->as_int64() <= 0 || v->as_int64() > 1000000) {
      return Error::invalid(fmt::format("{} 应为正整数", key), key);
    }
    out = static_cast<int>(v->as_int64());
    return kf::ok();
  }
  void skip(const char* key) { known_.insert(key); }
  Result<void> no_unknown(std::string_view where) const {
    for (const auto& [k, v] : o_) {
      if (!known_.count(std::string(k))) {
        return Error::invalid(fmt::format("{}中有未知的属性 {}", where, std::string_view(k)), std::string(k));
      }
    }
    return kf::ok();
  }

 private:
  const json::object& o_;
  std::set<std::string> known_;
};

Result<core::Field> field_from_json(const json::value& v) {
  if (!v.is_object()) return Error::invalid("数据字典的每一项应为对象", "fields");
  Reader r(v.as_object());
  core::Field f;
  std::string type = "text", check;
  KF_TRY(r.str("name", f.name));
  KF_TRY(r.str("label", f.label));
  KF_TRY(r.str("type", type));
  KF_TRY(r.opt_int("length", f.length));
  KF_TRY(r.boolean("nullable", f.nullable));
  KF_TRY(r.boolean("key", f.key));
  KF_TRY(r.str("description", f.description));
  KF_TRY(r.str("unit", f.unit));
  KF_TRY(r.list("allowed_values", f.allowed_values));
  KF_TRY(r.str("pattern", f.pattern));
  KF_TRY(r.opt_text("min", f.min));
  KF_TRY(r.opt_text("max", f.max));
  KF_TRY(r.str("security_grade", f.security_grade));
  KF_TRY(r.str("check", check));
  KF_TRY(r.str("mask_rule", f.mask_rule));
  KF_TRY(r.str("consent_basis", f.consent_basis));
  KF_TRY(r.no_unknown(fmt::format("字段「{}」", f.name)));
  KF_ASSIGN(f.type, core::parse_field_type(type));
  KF_ASSIGN(f.check, core::parse_field_check(check));
  if (f.key) f.nullable = false;
  return f;
}

}  // namespace

json::object field_to_json(const core::Field& f) {
  return {{"name", f.name},
          {"label", f.label},
          {"type", core::to_string(f.type)},
          {"length", f.length ? json::value(*f.length) : json::value(nullptr)},
          {"nullable", f.nullable},
          {"key", f.key},
          {"description", f.description},
          {"unit", f.unit},
          {"allowed_values", strings(f.allowed_values)},
          {"pattern", f.pattern},
          {"min", f.min ? json::value(*f.min) : json::value(nullptr)},
          {"max", f.max ? json::value(*f.max) : json::value(nullptr)},
          {"security_grade", f.security_grade},
          {"check", core::to_string(f.check)},
          {"mask_rule", f.mask_rule},
          {"consent_basis", f.consent_basis}};
}

json::object meta_to_json(const EntryMeta& m) {
  json::array fields;
  for (const auto& f : m.fields) fields.push_back(field_to_json(f));
  return {{"code", m.code},
          {"name", m.name},
          {"summary", m.summary},
          {"department", m.department},
          {"domain", m.domain},
          {"keywords", strings(m.keywords)},
          {"region_code", m.region_code},
          {"formats", strings(m.formats)},
          {"data_type", m.data_type},
          {"update_frequency", m.update_frequency},
          {"open_attribute", m.open_attribute},
          {"open_conditions", m.open_conditions},
          {"legal_basis", m.legal_basis},
          {"share_attribute", m.share_attribute},
          {"share_conditions", m.share_conditions},
          {"security_level", m.security_level},
          {"usage_requirements", m.usage_requirements},
          {"source_system", m.source_system},
          {"contact", m.contact},
          {"database_group", m.database_group},
          {"contains_personal_data", m.contains_personal_data},
          {"quasi_identifiers", strings(m.quasi_identifiers)},
          {"k_anonymity", m.k_anonymity},
          {"fields", fields}};
}

Result<std::vector<core::Field>> fields_from_json(const json::value& v) {
  if (!v.is_array()) return Error::invalid("fields 应为数组", "fields");
  std::vector<core::Field> out;
  for (const auto& item : v.as_array()) {
    KF_ASSIGN(auto f, field_from_json(item));
    out.push_back(std::move(f));
  }
  return out;
}

Result<EntryMeta> meta_from_json(const json::object& o) {
  Reader r(o);
  EntryMeta m;
  KF_TRY(r.str("code", m.code));
  KF_TRY(r.str("name", m.name));
  KF_TRY(r.str("summary", m.summary));
  KF_TRY(r.str("department", m.department));
  KF_TRY(r.str("domain", m.domain));
  KF_TRY(r.list("keywords", m.keywords));
  KF_TRY(r.str("region_code", m.region_code));
  KF_TRY(r.str("region", m.region_code));  // the TOML files say "region"
  KF_TRY(r.list("formats", m.formats));
  KF_TRY(r.str("data_type", m.data_type));
  KF_TRY(r.str("update_frequency", m.update_frequency));
  KF_TRY(r.str("open_attribute", m.open_attribute));
  KF_TRY(r.str("open_conditions", m.open_conditions));
  KF_TRY(r.str("legal_basis", m.legal_basis));
  KF_TRY(r.str("share_attribute", m.share_attribute));
  KF_TRY(r.str("share_conditions", m.share_conditions));
  KF_TRY(r.str("security_level", m.security_level));
  KF_TRY(r.str("usage_requirements", m.usage_requirements));
  KF_TRY(r.str("source_system", m.source_system));
  KF_TRY(r.str("contact", m.contact));
  KF_TRY(r.str("database_group", m.database_group));
  KF_TRY(r.boolean("contains_personal_data", m.contains_personal_data));
  KF_TRY(r.list("quasi_identifiers", m.quasi_identifiers));
  if (const json::value* k = o.if_contains("k_anonymity"); k && !k->is_null()) {
    if (!k->is_int64() && !k->is_uint64()) return Error::invalid("k_anonymity 应为整数（0 表示不检查）", "k_anonymity");
    m.k_anonymity = static_cast<int>(k->to_number<std::int64_t>());
  }
  r.skip("k_anonymity");
  // Keys the API accepts beside the description: handled by the caller.
  for (const char* k : {"provider", "provider_id", "reason", "id", "state", "revision", "provider_name",
                        "provider_kind", "non_government",
                        "region_name", "created_at", "updated_at", "published_at",
                        "published_version_id", "next_update_due", "downloads", "row_count"}) {
    r.skip(k);
  }
  r.skip("fields");
  // The profile's display names the API adds beside the codes: read back, they are ignored.
  r.skip("open_attribute_label");
  r.skip("share_attribute_label");
  KF_TRY(r.no_unknown("目录信息"));
  if (const json::value* f = o.if_contains("fields"); f && !f->is_null()) {
    KF_ASSIGN(m.fields, fields_from_json(*f));
  }
  return m;
}

Result<void> validate(const EntryMeta& m) {
  if (m.code.empty() || m.code.size() > 64) return Error::invalid("请填写目录编码（不超过 64 字节）", "code");
  for (char c : m.code) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) {
      return Error::invalid("目录编码只能包含字母、数字和 - _ .", "code");
    }
  }
  if (m.name.empty() || m.name.size() > 300) return Error::invalid("请填写目录名称（不超过 300 字节）", "name");
  if (m.summary.size() > 4000) return Error::invalid("摘要过长（不超过 4000 字节）", "summary");
  if (!one_of(kFrequencies, m.update_frequency)) return Error::invalid("更新频率取值不正确", "update_frequency");
  if (!one_of(kOpenAttributes, m.open_attribute)) return Error::invalid("开放属性应为 unconditional、conditional 或 not_open", "open_attribute");
  if (!one_of(kShareAttributes, m.share_attribute)) return Error::invalid("共享属性应为 unconditional、conditional 或 none", "share_attribute");
  if (!one_of(kDataTypes, m.data_type)) return Error::invalid("数据类型应为 table、file 或 api", "data_type");
  static constexpr std::string_view kLevels[] = {"L1", "L2", "L3", "L4"};
  if (!one_of(kLevels, m.security_level)) return Error::invalid("安全级别应为 L1–L4", "security_level");
  if (m.open_attribute != "unconditional" && m.legal_basis.empty()) {
    return Error::invalid("有条件开放和不予开放的目录必须填写法律法规依据", "legal_basis");
  }
  KF_TRY(check_personal_data_flag(m));
  if (m.open_attribute == "conditional" && m.open_conditions.empty()) {
    return Error::invalid("有条件开放的目录必须填写开放条件", "open_conditions");
  }
  if (m.share_attribute == "conditional" && m.share_conditions.empty()) {
    return Error::invalid("有条件共享的目录必须填写共享条件", "share_conditions");
  }
  if (m.share_attribute == "none" && m.legal_basis.empty()) {
    return Error::invalid("不予共享的目录必须填写法律法规依据", "legal_basis");
  }
  std::set<std::string> names;
  for (const auto& f : m.fields) {
    KF_TRY(core::check_field(f));
    if (!names.insert(f.name).second) {
      return Error::invalid(fmt::format("数据字典中字段名「{}」重复", f.name), "fields");
    }
  }
  if (m.k_anonymity != 0 && (m.k_anonymity < 2 || m.k_anonymity > 1000)) {
    return Error::invalid("k_anonymity 应为 0（不检查）或 2–1000", "k_anonymity");
  }
  if (m.k_anonymity != 0 && m.quasi_identifiers.empty()) {
    return Error::invalid("设置 k 匿名检查时须选择准标识符字段", "quasi_identifiers");
  }
  for (const auto& q : m.quasi_identifiers) {
    if (!m.fields.empty() && !names.count(q)) {
      return Error::invalid(fmt::format("准标识符「{}」不在数据字典中", q), "quasi_identifiers");
    }
  }
  return kf::ok();
}

Result<void> check_personal_data_flag(const EntryMeta& m) {
  if (m.contains_personal_data && m.security_level == "L1" && m.open_attribute == "unconditional") {
    Error e = Error::invalid(
        "「含个人信息」「安全级别」「开放属性」相互矛盾：含个人信息的目录不能同时定为 L1（公开）级且无条件开放。"
        "请提高安全级别（个人信息一般为 L3 以上）、改为有条件开放，或在确认数据不含个人信息后取消「含个人信息」",
        "security_level");
    e.slug = "personal_data_contradiction";
    return e;
  }
  return kf::ok();
}

json::object entry_to_json(const Entry& e, bool with_fields) {
  json::object o = meta_to_json(e.meta);
  if (!with_fields) o.erase("fields");
  auto opt_time = [](const std::optional<std::int64_t>& t) {
    return t ? json::value(core::iso8601(*t)) : json::value(nullptr);
  };
  o["id"] = e.id;
  o["provider_id"] = e.provider_id;
  o["provider_name"] = e.provider_name;
  o["provider_kind"] = e.provider_kind;
  o["non_government"] = e.non_government();
  o["region_name"] = e.region_name;
  o["state"] = e.state;
  o["revision"] = e.revision;
  o["created_at"] = core::iso8601(e.created_at);
  o["updated_at"] = core::iso8601(e.updated_at);
  o["published_at"] = opt_time(e.published_at);
  o["published_version_id"] = e.published_version_id ? json::value(*e.published_version_id) : json::value(nullptr);
  auto due = next_update_due(e);
  o["next_update_due"] = due ? json::value(core::iso8601(*due).substr(0, 10)) : json::value(nullptr);
  o["downloads"] = e.downloads;
  o["row_count"] = e.row_count ? json::value(*e.row_count) : json::value(nullptr);
  return o;
}

}  // namespace kf::catalog

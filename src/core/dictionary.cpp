#include "core/dictionary.h"

#include <algorithm>
#include <array>

namespace kf::core {

namespace {
constexpr std::array<std::string_view, 6> kTypeNames = {"integer", "decimal", "boolean",
                                                        "date",    "datetime", "text"};
}  // namespace

std::string_view to_string(FieldType t) { return kTypeNames[static_cast<std::size_t>(t)]; }

Result<FieldType> parse_field_type(std::string_view s) {
  for (std::size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == s) return static_cast<FieldType>(i);
  }
  return Error::invalid("字段类型应为 integer、decimal、boolean、date、datetime 或 text", "type");
}

std::string_view to_string(FieldCheck c) {
  switch (c) {
    case FieldCheck::none: return "";
    case FieldCheck::id_number: return "id_number";
    case FieldCheck::uscc: return "uscc";
  }
  return "";
}

Result<FieldCheck> parse_field_check(std::string_view s) {
  if (s.empty() || s == "none") return FieldCheck::none;
  if (s == "id_number") return FieldCheck::id_number;
  if (s == "uscc") return FieldCheck::uscc;
  return Error::invalid("校验规则应为 id_number 或 uscc", "check");
}

Result<void> check_field(const Field& f) {
  if (f.name.empty() || f.name.size() > 128) {
    return Error::invalid("字段名不能为空，且不超过 128 字节", "fields");
  }
  if (f.label.size() > 256) return Error::invalid("字段「" + f.name + "」的中文名过长", "fields");
  static constexpr std::string_view kGrades[] = {"L1", "L2", "L3", "L4"};
  if (std::find(std::begin(kGrades), std::end(kGrades), f.security_grade) == std::end(kGrades)) {
    return Error::invalid("字段「" + f.name + "」的安全级别应为 L1–L4", "fields");
  }
  if (f.length && *f.length <= 0) {
    return Error::invalid("字段「" + f.name + "」的长度应为正整数", "fields");
  }
  if (f.consent_basis.size() > 1000) {
    return Error::invalid("字段「" + f.name + "」的公开依据过长（不超过 1000 字节）", "fields");
  }
  if (f.check != FieldCheck::none && f.type != FieldType::text) {
    return Error::invalid("字段「" + f.name + "」的校验规则只适用于 text 类型", "fields");
  }
  return kf::ok();
}

}  // namespace kf::core

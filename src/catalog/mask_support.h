// Private to the catalog: helpers of desensitize.cpp shared with personal.cpp.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/service.h"
#include "mask/masker.h"

namespace kf::catalog::detail {

// One masker per column of `columns` (nullopt: kept as is). invalid_argument naming the field
// when a rule does not parse; the masker's error when a key it needs is missing.
Result<std::vector<std::optional<mask::Masker>>> maskers_for(const std::vector<core::Field>& columns,
                                                            const std::map<std::string, std::string>& rules,
                                                            const mask::Keys& keys);
// The rules of the entry's dictionary for the columns of a version (column → rule).
std::map<std::string, std::string> dictionary_rules(const Entry& e, const Version& v);
// The rules as a JSON object text, e.g. {"身份证号":"mask(…)"}.
std::string rules_json(const std::map<std::string, std::string>& rules);
// Staff of the entry's provider, the authority or an administrator.
bool is_staff(const Actor& a, const Entry& e);

}  // namespace kf::catalog::detail

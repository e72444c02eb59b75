// Grading of detected personal data (CLS-4, CLS-6): what the platform proposes for a column whose
// values the detectors recognise as one kind — the security grade, the field pattern — and the
// Chinese name of each kind for messages. The rule is `suggested_rule` (rule.h). The table and
// the reasons for each grade are in README.md ("Grades of personal data").
//
// Thread safety: all functions are pure.
#pragma once

#include <string>
#include <string_view>

#include "mask/detect.h"

namespace kf::mask {

// Whether values of this kind identify or describe a natural person. False only for
// credit_code, which identifies organisations (public registration data).
bool is_personal(Kind kind);

// The security grade proposed for a column of this kind: "L4" for identity documents and
// financial accounts (personal sensitive information, GB/T 35273-2020 appendix B), "L3" for the
// other personal kinds, "" for credit_code (no change).
std::string suggested_grade(Kind kind);

// A pattern (RE2 syntax, full match on the trimmed value, as the validator checks it) that the
// canonical written form of this kind matches, for the data dictionary; "" when the kind has
// no simple canonical form (names, addresses, plates, coordinates, dates).
std::string suggested_pattern(Kind kind);

// Chinese name of the kind for messages, e.g. "居民身份证号码", "手机号码".
std::string_view kind_label(Kind kind);

// The higher of two grades "L1"…"L4" ("" counts as lower than L1).
std::string higher_grade(std::string_view a, std::string_view b);

}  // namespace kf::mask

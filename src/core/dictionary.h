// The data dictionary vocabulary (CAT-2): one Field per column of a catalog entry's data.
// Shared by the catalog (which stores it), ingestion (which validates against it) and the
// desensitization engine (which reads the security grade and the rule slot).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace kf::core {

enum class FieldType { integer, decimal, boolean, date, datetime, text };

std::string_view to_string(FieldType t);
// "integer" | "decimal" | "boolean" | "date" | "datetime" | "text"; invalid_argument otherwise.
Result<FieldType> parse_field_type(std::string_view s);

// Extra validation of a text field's content by its check digit.
enum class FieldCheck {
  none,
  id_number,  // resident identity number, GB 11643
  uscc,       // unified social credit code, GB 32100
};

std::string_view to_string(FieldCheck c);
Result<FieldCheck> parse_field_check(std::string_view s);  // "" / "none" | "id_number" | "uscc"

struct Field {
  std::string name;                       // column name in the data (may be Chinese)
  std::string label;                      // Chinese label shown to people
  FieldType type = FieldType::text;
  std::optional<int> length;              // maximum length in characters (text) or digits
  bool nullable = true;
  bool key = false;                       // part of the entry's key (unique together)
  std::string description;
  std::string unit;
  std::vector<std::string> allowed_values;  // empty: any value
  std::string pattern;                    // RE2 syntax, full match; empty: none
  std::optional<std::string> min;         // inclusive; number or ISO date/datetime by type
  std::optional<std::string> max;
  std::string security_grade = "L1";      // L1 public … L4 highly sensitive (CLS-4)
  FieldCheck check = FieldCheck::none;
  std::string mask_rule;                  // desensitization rule (MSK-3); "" = none
  // The recorded basis for publishing this field's personal data as it is (CLS-6): the
  // subjects' consent (how and when it was obtained) or the law that orders publication. ""
  // = none; then personal data found in the field needs a rule before submission.
  std::string consent_basis;
};

// Checks one field's own consistency (name present, known grade, min <= max, pattern compiles
// is checked by the validator). invalid_argument names the field.
Result<void> check_field(const Field& f);

}  // namespace kf::core

// One function per kind (internal). Each returns the confidence that `v` (already trimmed) is of
// that kind, or 0 when it is not; `label` is the column label (may be empty).
#pragma once

#include <string_view>

#include "mask/detect.h"

namespace kf::mask::detail {

// Identifiers with check characters or a fixed shape (detect_ids.cpp).
double id_number(std::string_view v, std::string_view label);
double bank_card(std::string_view v, std::string_view label);
double credit_code(std::string_view v, std::string_view label);
double plate(std::string_view v, std::string_view label);
double passport(std::string_view v, std::string_view label);
// Contact data (detect_contact.cpp).
double mobile(std::string_view v, std::string_view label);
double landline(std::string_view v, std::string_view label);
double email(std::string_view v, std::string_view label);
double ip(std::string_view v, std::string_view label);
// Free text about people (detect_people.cpp).
double person_name(std::string_view v, std::string_view label);
double address(std::string_view v, std::string_view label);
// Numbers and dates that are only personal in context (detect_context.cpp).
double gps(std::string_view v, std::string_view label);
double birth_date(std::string_view v, std::string_view label);

// Column-label context (detect.cpp): the label names this kind (e.g. 身份证号, 手机), or names
// something that this kind cannot be (e.g. 订单号 for mobile numbers).
bool label_suggests(Kind kind, std::string_view label);
bool label_excludes(Kind kind, std::string_view label);

}  // namespace kf::mask::detail

// Calendar dates in the forms Chinese data uses (internal): 2024-03-05, 2024/3/5, 2024.03.05,
// 20240305, 2024年3月5日. Shared by the birth-date detector and generalize().
#pragma once

#include <optional>
#include <string_view>

#include "core/id_number.h"

namespace kf::mask::detail {

// The date written in `s` (trimmed, nothing else around it; an optional time after a blank or
// 'T' is ignored), if it is a real calendar date with year 1000..9999.
std::optional<core::BirthDate> parse_date(std::string_view s);
// Year and month only ("2024-03", "2024年3月"), day set to 1; also accepts full dates.
std::optional<core::BirthDate> parse_year_month(std::string_view s);
// Today's date in China (UTC+8).
core::BirthDate today_cn();
bool valid_date(const core::BirthDate& d);

}  // namespace kf::mask::detail

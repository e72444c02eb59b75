// Private to the ingest module: Excel keeps dates as day numbers ("serials") and only the cell's
// number format says that a number is a date. These helpers classify number formats and turn
// serials into ISO text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kf::ingest::detail {

enum class DateKind : std::uint8_t { none, date, datetime, time };

// Built-in format ids: 14–17 and 22 (dates), 18–21 and 45–47 (times), plus the ids a Chinese
// Excel maps to 年/月/日 and 时/分/秒 formats (27–36, 50–58).
DateKind builtin_date_kind(int num_fmt_id);

// A custom format code is a date/time format when, outside quoted text, [..] sections and
// escaped characters, it has y, d (date), h, s (time) or only m (month).
DateKind format_code_date_kind(std::string_view code);

// Serial (Excel number text) → "YYYY-MM-DD" (date), "YYYY-MM-DDTHH:MM:SS" (datetime, rounded to
// the second) or, for time formats, "HH:MM:SS" when the serial is below one day. Handles the
// 1900 system with Lotus's phantom 1900-02-29 (serial 60, left as a number) and the 1904
// system. nullopt when the text is not a number or out of range (the caller keeps the text).
std::optional<std::string> excel_serial_to_iso(std::string_view number, DateKind kind,
                                               bool date1904);

}  // namespace kf::ingest::detail

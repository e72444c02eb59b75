// Detectors of personal data in single values (MSK-1). Every detector validates what it can
// (check digits, real dates, ranges) instead of only matching a shape, and returns a confidence
// in [0, 1]. The column label, when given, raises or lowers confidences: a value of 11 digits in
// a column called 订单号 is not a mobile number.
//
// Thread safety: all functions are pure and may be called from any thread.
#pragma once

#include <string_view>
#include <vector>

namespace kf::mask {

enum class Kind {
  id_number,
  mobile,
  landline,
  email,
  bank_card,
  credit_code,
  plate,
  passport,
  name,
  address,
  ip,
  gps,
  birth_date,
};

inline constexpr Kind kAllKinds[] = {
    Kind::id_number, Kind::mobile, Kind::landline, Kind::email, Kind::bank_card,
    Kind::credit_code, Kind::plate, Kind::passport, Kind::name, Kind::address,
    Kind::ip, Kind::gps, Kind::birth_date};

// "id_number", "mobile", … exactly the enumerator names (used in JSON and rule files).
std::string_view to_string(Kind kind);

struct Detection {
  Kind kind;
  double confidence;  // (0, 1]
};

// Detections at or above this confidence count as "the value is of this kind" (column scan,
// corpus test). Lower ones are hints, e.g. a 16-digit number failing Luhn is still reported as
// a possible bank card with confidence 0.4.
inline constexpr double kMinConfidence = 0.5;

// All kinds `value` may be, most confident first; empty when none. `column_label` is the column
// name or caption (Chinese or English), used as context.
std::vector<Detection> detect(std::string_view value, std::string_view column_label = {});

}  // namespace kf::mask

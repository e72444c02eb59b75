#include "db/postgres/pg_values.h"

#include <array>
#include <charconv>
#include <cmath>
#include <memory>

namespace kf::db {
namespace {

// PostgreSQL spells the special values its own way.
std::string format_double(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  std::array<char, 32> buf{};
  auto [p, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), d);
  return {buf.data(), ec == std::errc() ? p : buf.data()};
}

Value unescape_bytea(std::string_view text) {
  // The result of PQgetvalue is NUL-terminated, so handing libpq the pointer is safe.
  std::size_t n = 0;
  unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text.data()), &n);
  if (raw == nullptr) return std::string(text);
  std::unique_ptr<unsigned char, decltype(&PQfreemem)> owner(raw, &PQfreemem);
  return std::string(reinterpret_cast<const char*>(raw), n);
}

}  // namespace

PgParams::PgParams(std::span<const Value> params) : params_(params) {
  numbers_.reserve(params.size());
  for (const Value& v : params) {
    if (const auto* s = std::get_if<std::string>(&v)) {
      values_.push_back(s->c_str());
      lengths_.push_back(static_cast<int>(s->size()));
    } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
      values_.push_back(numbers_.emplace_back(std::to_string(*n)).c_str());
      lengths_.push_back(0);
    } else if (const auto* d = std::get_if<double>(&v)) {
      values_.push_back(numbers_.emplace_back(format_double(*d)).c_str());
      lengths_.push_back(0);
    } else {
      values_.push_back(nullptr);  // SQL NULL
      lengths_.push_back(0);
    }
    formats_.push_back(0);
  }
}

void PgParams::set_type(int i, Oid type) {
  const auto idx = static_cast<std::size_t>(i);
  const auto* s = std::get_if<std::string>(&params_[idx]);
  if (s == nullptr) return;
  if (type == kPgBytea || s->find('\0') != std::string::npos) formats_[idx] = 1;
}

bool needs_param_types(std::span<const Value> params) {
  for (const Value& v : params) {
    const auto* s = std::get_if<std::string>(&v);
    if (s == nullptr) continue;
    if (s->find_first_of(std::string_view("\\\0", 2)) != std::string::npos || !is_valid_utf8(*s)) {
      return true;
    }
  }
  return false;
}

Value decode_pg_value(Oid type, std::string_view text) {
  const char* first = text.data();
  const char* last = text.data() + text.size();
  switch (type) {
    case kPgInt2:
    case kPgInt4:
    case kPgInt8:
    case kPgOid: {
      std::int64_t v = 0;
      auto [p, ec] = std::from_chars(first, last, v);
      if (ec == std::errc() && p == last) return v;
      break;  // out of range (an oid above 2^63 cannot happen): keep the text
    }
    case kPgFloat4:
    case kPgFloat8:
    case kPgNumeric: {
      double v = 0;
      auto [p, ec] = std::from_chars(first, last, v);  // also reads NaN and Infinity
      if (ec == std::errc() && p == last) return v;
      break;  // a numeric beyond double's range: keep the exact text rather than guess
    }
    case kPgBool:
      return std::int64_t{!text.empty() && text.front() == 't' ? 1 : 0};
    case kPgBytea:
      return unescape_bytea(text);
    default:
      break;
  }
  return std::string(text);
}

// Strict UTF-8, the way the server checks it: no overlong forms, no surrogates, nothing
// above U+10FFFF.
bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace kf::db

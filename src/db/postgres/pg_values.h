// Conversions between Value and libpq's parameter / result representations (private to the
// db module; exposed for tests).
#pragma once

#include <libpq-fe.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"

namespace kf::db {

// Type OIDs from pg_type; fixed since forever (the server headers that name them are not
// part of libpq-dev).
inline constexpr Oid kPgBool = 16;
inline constexpr Oid kPgBytea = 17;
inline constexpr Oid kPgInt8 = 20;
inline constexpr Oid kPgInt2 = 21;
inline constexpr Oid kPgInt4 = 23;
inline constexpr Oid kPgOid = 26;
inline constexpr Oid kPgFloat4 = 700;
inline constexpr Oid kPgFloat8 = 701;
inline constexpr Oid kPgNumeric = 1700;

// The arrays PQexecParams takes, built from bound values. Everything is sent in text format
// with the type left to the server, except strings switched to binary by set_type().
// Holds pointers into `params`, which must outlive it.
class PgParams {
 public:
  explicit PgParams(std::span<const Value> params);
  int count() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }
  // Told the server-inferred type of parameter `i`: a string bound to bytea goes as raw
  // bytes (binary format), so does one holding a NUL byte, which text format would silently
  // cut short (the server then refuses it for text columns, as it should).
  void set_type(int i, Oid type);

 private:
  std::span<const Value> params_;
  std::vector<std::string> numbers_;  // formatted numbers; reserved up front, never moved
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

// True when text format could mangle a string parameter: a backslash (bytea's escape
// syntax), a NUL byte, or bytes that are not UTF-8. Such statements are prepared first so
// that set_type() can be told the parameter types.
bool needs_param_types(std::span<const Value> params);

// The Value of one non-NULL result cell in text format: integers (and bool as 0/1) as
// int64, floating and numeric as double, bytea as its raw bytes, the rest as text.
Value decode_pg_value(Oid type, std::string_view text);

bool is_valid_utf8(std::string_view s);

}  // namespace kf::db

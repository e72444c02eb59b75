// Validation of uploaded rows against an entry's data dictionary (PUB-2): the header against the
// fields, then every value against its field's rules, and the key's uniqueness across the rows.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/dictionary.h"
#include "ingest/reader.h"

namespace kf::ingest {

// One broken rule in one row. `reason` is Chinese and safe for logs and API answers: it quotes
// the offending value only for fields below L3 that carry no identity number, and then at most
// 40 characters of it.
struct Violation {
  std::string column;  // the header's column name; "" for the row as a whole
  std::string reason;
};

// Not thread-safe (it remembers the keys it has seen). Movable.
class RowValidator {
 public:
  // Maps header columns to fields, by field name first and then by Chinese label, and compiles
  // the rules once. invalid_argument, naming what is wrong, when: a field fails
  // core::check_field; a required (not nullable) or key field has no column; a column matches no
  // field; two columns match one field; a pattern does not compile; an allowed value, minimum
  // or maximum does not parse as the field's type; min/max are set on a text or boolean field.
  static Result<RowValidator> create(std::vector<core::Field> fields,
                                     const std::vector<std::string>& header);

  RowValidator(RowValidator&&) noexcept;
  RowValidator& operator=(RowValidator&&) noexcept;
  ~RowValidator();

  // Checks the next row (rows are numbered by call, from 1, for duplicate-key messages). An
  // empty result means the row is valid. A row with another number of values than the header
  // gets exactly one violation and no other check. Empty strings count as null. Keys: rows whose
  // key has a null part are not compared; the key of every row checked (valid or not, by its
  // normalised values) is remembered as a 64-bit hash plus the row number, about 16–46 bytes a
  // row. Two different keys share a hash with probability ~n²/2^65 (3e-8 for a million rows),
  // which would report a false duplicate; never a missed one.
  std::vector<Violation> check(const Record& row);
  // The same, and when the row is valid rewrites every non-text value to its canonical form
  // (values.h), ready to store.
  std::vector<Violation> check_and_normalize(Record& row);

  // Header column → index into fields().
  const std::vector<std::size_t>& column_fields() const;
  const std::vector<core::Field>& fields() const;
  std::int64_t rows_checked() const;

 private:
  struct Impl;
  explicit RowValidator(std::unique_ptr<Impl> impl);
  std::vector<Violation> run(const Record& row, Record* normalize_into);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kf::ingest

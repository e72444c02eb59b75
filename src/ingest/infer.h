// Proposes a data dictionary from the data itself, for uploads to an entry without one (PUB-1).
// The proposal is a starting point the provider edits: labels equal names, nothing is a key.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/dictionary.h"
#include "ingest/reader.h"

namespace kf::ingest {

// Something the provider should know about a proposed column: which row, and why. Never quotes
// the value (it may be personal data).
struct InferenceNote {
  std::string column;    // the header name
  std::int64_t row = 0;  // the data row (1 = the first record), as the validator counts them
  std::string message;   // Chinese, for the upload report
};

// Feed it every row (or a sample); memory is a few dozen bytes per column. Not thread-safe.
//
// Per column, from the non-null values (empty strings count as null), the first that fits all:
//   text + check id_number (length 18, grade L3)  every value is a valid resident ID number
//   text + check uscc (length 18)                 every value is a valid credit code
//   boolean    only boolean forms, and at least one that is not 0/1 (a 0/1 column is integer)
//   integer    integers, none of them a code (below)
//   decimal    numbers, none of them a code
//   date       dates in any accepted form (values.h)
//   datetime   dates and date-times
//   date / datetime with one bad value: every value but one fits and at least
//              kMinValuesBesideBad others do; the bad value's row is reported by notes()
//              (the validator then rejects or quarantines that row at import)
//   text       with a length that leaves headroom: text_length(the longest value seen)
// Codes are text, whatever their digits: a leading zero ("007", postcodes, area codes), a
// leading "+" ("+8613812345678"), more than 15 digits (bank cards), or an 11-digit mainland
// mobile number (1[3-9] and nine digits).
// A column without any value is nullable text without a length.
class TypeInferer {
 public:
  static constexpr std::int64_t kMinValuesBesideBad = 3;

  void add(const Record& row);
  std::vector<core::Field> propose(const std::vector<std::string>& header) const;
  // Notes on the proposal of propose(header): today, the one bad value a date or date-time
  // column was proposed with.
  std::vector<InferenceNote> notes(const std::vector<std::string>& header) const;
  std::int64_t rows() const { return rows_; }

  // The proposed length of a text column whose longest value has `longest` characters: at least
  // half as much again and at least 10 more, rounded up to a multiple of 10 (8 → 20, 18 → 30,
  // 100 → 150). Uploads of later months then fit without a dictionary change.
  static int text_length(std::size_t longest);

 private:
  struct Column {
    std::int64_t values = 0;
    bool null_seen = false;
    bool integer = true, decimal = true, boolean = true, bool_word = false;
    bool id_number = true, uscc = true;
    int date_fails = 0, datetime_fails = 0;  // counted up to 2
    std::int64_t date_bad_row = 0, datetime_bad_row = 0;
    std::size_t max_len = 0;
  };
  // How a column's values are proposed (the type, or which tolerated bad value applies).
  enum class Kind {
    empty, id_number, uscc, boolean, integer, decimal, date, datetime, date_one_bad, datetime_one_bad, text
  };
  static Kind kind_of(const Column& c);
  std::vector<Column> cols_;
  std::int64_t rows_ = 0;
};

}  // namespace kf::ingest

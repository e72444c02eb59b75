// Proposes a data dictionary from the data itself, for uploads to an entry without one (PUB-1).
// The proposal is a starting point the provider edits: labels equal names, nothing is a key.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/dictionary.h"
#include "ingest/reader.h"

namespace kf::ingest {

// Feed it every row (or a sample); memory is a few dozen bytes per column. Not thread-safe.
//
// Per column, from the non-null values (empty strings count as null), the first that fits all:
//   text + check id_number (length 18, grade L3)  every value is a valid resident ID number
//   text + check uscc (length 18)                 every value is a valid credit code
//   boolean    only boolean forms, and at least one that is not 0/1 (a 0/1 column is integer)
//   integer    integers, none written with a leading zero and none longer than 15 digits
//   decimal    numbers, with the same two exceptions
//   date       dates in any accepted form (values.h)
//   datetime   dates and date-times
//   text       with length = the longest value seen, in characters
// Leading zeros ("007", postcodes) and long digit strings (bank cards) are codes: text keeps them.
// A column without any value is nullable text without a length.
class TypeInferer {
 public:
  void add(const Record& row);
  std::vector<core::Field> propose(const std::vector<std::string>& header) const;
  std::int64_t rows() const { return rows_; }

 private:
  struct Column {
    std::int64_t values = 0;
    bool null_seen = false;
    bool integer = true, decimal = true, boolean = true, bool_word = false;
    bool date = true, datetime = true, id_number = true, uscc = true;
    std::size_t max_len = 0;
  };
  std::vector<Column> cols_;
  std::int64_t rows_ = 0;
};

}  // namespace kf::ingest

// Personal data in an entry's data (CLS-4, CLS-6, MSK-1, MSK-2, PUB-5): the values decide. The
// dictionary proposed from an upload grades the columns the detectors recognise as personal
// data and proposes their rule and pattern; the review asks what the detectors find in a stored
// version, in its raw values and in the values as they would be published under the
// dictionary's rules (CatalogService::find_personal_data).
//
// Scans read a bounded sample: the first kScanHead rows, then kScanSpread rows drawn uniformly
// from all later ones (mask::RowSample), so a column that turns personal after the first rows
// is still seen.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/dictionary.h"
#include "ingest/reader.h"
#include "mask/scan.h"

namespace re2 {
class RE2;
}

namespace kf::catalog {

inline constexpr std::size_t kScanHead = 1000;
inline constexpr std::size_t kScanSpread = 1000;

// Grades a dictionary proposed from an uploaded file (ingest::TypeInferer::propose) by what the
// detectors find in the file. Feed it every record of the file, in order; memory is the sample.
// Not thread-safe.
class ProposalGrader {
 public:
  explicit ProposalGrader(std::vector<std::string> header);
  void add(const ingest::Record& rec);
  // For each field (one per header column, in order) whose column the scan recognises as
  // personal data (mask::is_personal): the grade is raised to the kind's (mask::suggested_grade),
  // the rule is the scan's suggested one unless the field has one, identifiers held as numbers
  // (mobile, landline, ID, bank card, passport) become text, and a text field without a pattern
  // or check gets the kind's pattern (mask::suggested_pattern) when every value of the file
  // matches it.
  void apply(std::vector<core::Field>& fields) const;

 private:
  void start_checking();

  std::vector<std::string> header_;
  mask::RowSample sample_{kScanHead, kScanSpread};
  // Kinds found in the first kScanHead records; later values are checked against their pattern.
  bool checking_ = false;
  std::vector<std::optional<mask::Kind>> early_kind_;
  std::vector<std::shared_ptr<re2::RE2>> early_pattern_;
  std::vector<bool> later_match_;
};

// What the detectors find in one column of a version.
struct ColumnFinding {
  std::string name;            // the column's (dictionary) name
  std::string label;           // its Chinese label ("" when none)
  mask::ColumnScan raw;        // in the stored values
  std::string rule;            // the dictionary's rule applied at publication ("" none)
  std::string rule_error;      // the rule cannot be applied (bad rule, missing key); then
                               // `published` is `raw`
  mask::ColumnScan published;  // in the same values after the rule (= raw without a rule)
};

struct PersonalDataReport {
  std::int64_t version_id = 0;
  std::int64_t row_count = 0;
  std::int64_t sampled_rows = 0;
  std::vector<ColumnFinding> columns;  // one per column of the version, in order
};

// Whether a scan recognised personal data (a kind other than credit_code).
bool holds_personal_data(const mask::ColumnScan& s);

}  // namespace kf::catalog

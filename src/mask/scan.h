// Column scan and rule suggestion (MSK-2): looks at a sample of each column, values and label,
// and proposes the kind of personal data and a rule; the provider confirms or edits it and the
// rule goes into core::Field::mask_rule.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "ingest/reader.h"
#include "mask/detect.h"

namespace kf::mask {

using ingest::Record;

struct ColumnScan {
  std::string column;
  std::optional<Kind> kind;    // nullopt: no personal data recognised
  double confidence = 0;       // of `kind`; 0 when none
  std::string suggested_rule;  // "" when none
};

// Share of the non-empty sampled values that must agree on a kind (lower, kLabelShare, when the
// column label names that kind too).
inline constexpr double kAgreeShare = 0.8;
inline constexpr double kLabelShare = 0.5;

// One ColumnScan per header column, in order. A kind is proposed when at least kAgreeShare of
// the column's non-empty values are detected as it (kLabelShare with a matching label); the
// confidence is the share times the mean detection confidence.
std::vector<ColumnScan> scan_columns(const std::vector<std::string>& header,
                                     const std::vector<Record>& sample);

// Reads the first `sample_rows` records of a CSV / XLSX / JSON file (format from the extension)
// and scans them. Errors as ingest::open_reader and RecordReader::next (never quoting values).
Result<std::vector<ColumnScan>> scan_file(const std::string& path, std::size_t sample_rows = 1000);

// [{"column":…,"kind":…|null,"confidence":0.97,"suggested_rule":…}, …] (confidence rounded to
// two decimals), for `kaifang mask scan FILE --format json`.
std::string scan_to_json(const std::vector<ColumnScan>& scans);

}  // namespace kf::mask

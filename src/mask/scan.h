// Column scan and rule suggestion (MSK-2): looks at a sample of each column, values and label,
// and proposes the kind of personal data and a rule; the provider confirms or edits it and the
// rule goes into core::Field::mask_rule.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
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
  double share = 0;            // of the non-empty sampled values, the part detected as `kind`
  std::size_t values = 0;      // non-empty values sampled
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

// A bounded sample of a stream of records, for scans of whole files and versions: the first
// `head` records, then `spread` more drawn uniformly from all the later ones (reservoir
// sampling with a fixed seed: the same rows give the same sample). Memory: head + spread
// records. Not thread-safe.
class RowSample {
 public:
  explicit RowSample(std::size_t head = 1000, std::size_t spread = 1000);
  void add(const Record& rec);
  // The sampled records in the order they were read.
  std::vector<Record> rows() const;
  std::int64_t seen() const { return seen_; }

 private:
  std::size_t head_, spread_;
  std::int64_t seen_ = 0;
  std::vector<Record> first_;
  std::vector<std::pair<std::int64_t, Record>> reservoir_;
  std::mt19937_64 rng_{0x6b6169666167ULL};
};

// [{"column":…,"kind":…|null,"confidence":0.97,"suggested_rule":…,"share":1}, …] (confidence and
// share rounded to two decimals), for `kaifang mask scan FILE --format json`.
std::string scan_to_json(const std::vector<ColumnScan>& scans);

}  // namespace kf::mask

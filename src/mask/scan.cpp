#include "mask/scan.h"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>

#include "mask/detectors.h"
#include "mask/rule.h"

namespace kf::mask {

std::vector<ColumnScan> scan_columns(const std::vector<std::string>& header,
                                     const std::vector<Record>& sample) {
  constexpr std::size_t kKinds = std::size(kAllKinds);
  std::vector<ColumnScan> out;
  for (std::size_t col = 0; col < header.size(); ++col) {
    std::array<std::size_t, kKinds> hits{};
    std::array<double, kKinds> conf_sum{};
    std::size_t non_empty = 0;
    for (const Record& rec : sample) {
      if (col >= rec.size() || !rec[col] || rec[col]->empty()) continue;
      ++non_empty;
      for (const Detection& d : detect(*rec[col], header[col])) {
        if (d.confidence < kMinConfidence) continue;
        hits[static_cast<std::size_t>(d.kind)]++;
        conf_sum[static_cast<std::size_t>(d.kind)] += d.confidence;
      }
    }
    ColumnScan scan{header[col], std::nullopt, 0, ""};
    for (std::size_t k = 0; k < kKinds && non_empty > 0; ++k) {
      const double share = static_cast<double>(hits[k]) / static_cast<double>(non_empty);
      const double need = detail::label_suggests(kAllKinds[k], header[col]) ? kLabelShare : kAgreeShare;
      if (share < need || hits[k] == 0) continue;
      const double c = share * conf_sum[k] / static_cast<double>(hits[k]);
      if (c > scan.confidence) {
        scan.kind = kAllKinds[k];
        scan.confidence = c;
        scan.share = share;
      }
    }
    scan.values = non_empty;
    if (scan.kind) scan.suggested_rule = suggested_rule(*scan.kind);
    out.push_back(std::move(scan));
  }
  return out;
}

Result<std::vector<ColumnScan>> scan_file(const std::string& path, std::size_t sample_rows) {
  ingest::ReaderOptions opt;
  KF_ASSIGN(opt.format, ingest::format_from_name(path));
  KF_ASSIGN(auto reader, ingest::open_reader(path, opt));
  std::vector<Record> sample;
  Record rec;
  while (sample.size() < sample_rows) {
    KF_ASSIGN(bool more, reader->next(rec));
    if (!more) break;
    sample.push_back(rec);
  }
  return scan_columns(reader->header(), sample);
}

RowSample::RowSample(std::size_t head, std::size_t spread) : head_(head), spread_(spread) {}

void RowSample::add(const Record& rec) {
  const std::int64_t i = seen_++;
  if (first_.size() < head_) {
    first_.push_back(rec);
    return;
  }
  if (spread_ == 0) return;
  if (reservoir_.size() < spread_) {
    reservoir_.emplace_back(i, rec);
    return;
  }
  // Record number n (counted after the head) replaces a kept one with probability spread / n.
  const auto n = static_cast<std::uint64_t>(i - static_cast<std::int64_t>(head_)) + 1;
  const std::uint64_t j = std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng_);
  if (j < spread_) reservoir_[static_cast<std::size_t>(j)] = {i, rec};
}

std::vector<Record> RowSample::rows() const {
  std::vector<Record> out = first_;
  auto later = reservoir_;
  std::sort(later.begin(), later.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [i, rec] : later) out.push_back(rec);
  return out;
}

std::string scan_to_json(const std::vector<ColumnScan>& scans) {
  boost::json::array arr;
  for (const ColumnScan& s : scans) {
    boost::json::object o;
    o["column"] = s.column;
    if (s.kind) o["kind"] = to_string(*s.kind);
    else o["kind"] = nullptr;
    o["confidence"] = std::round(s.confidence * 100) / 100;
    o["suggested_rule"] = s.suggested_rule;
    o["share"] = std::round(s.share * 100) / 100;
    arr.push_back(std::move(o));
  }
  return boost::json::serialize(arr);
}

}  // namespace kf::mask

#include "mask/scan.h"

#include <boost/json.hpp>

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
      }
    }
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

std::string scan_to_json(const std::vector<ColumnScan>& scans) {
  boost::json::array arr;
  for (const ColumnScan& s : scans) {
    boost::json::object o;
    o["column"] = s.column;
    if (s.kind) o["kind"] = to_string(*s.kind);
    else o["kind"] = nullptr;
    o["confidence"] = std::round(s.confidence * 100) / 100;
    o["suggested_rule"] = s.suggested_rule;
    arr.push_back(std::move(o));
  }
  return boost::json::serialize(arr);
}

}  // namespace kf::mask

#include "ingest/reject_writer.h"

#include <cerrno>
#include <cstring>

namespace kf::ingest {

RejectWriter::RejectWriter(std::string path, const std::vector<std::string>& header)
    : path_(std::move(path)), width_(header.size()) {
  f_ = std::fopen(path_.c_str(), "wb");
  failed_ = f_ == nullptr;
  buf_ = "\xEF\xBB\xBF";
  for (const auto& h : header) {
    cell(h);
    buf_ += ',';
  }
  buf_ += "原因\r\n";
}

RejectWriter::~RejectWriter() { (void)close(); }

void RejectWriter::cell(std::string_view v) {
  const bool quote = v.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!v.empty() && (v.front() == ' ' || v.back() == ' ' || v.front() == '\t'));
  if (!quote) {
    buf_ += v;
    return;
  }
  buf_ += '"';
  for (char c : v) {
    if (c == '"') buf_ += '"';
    buf_ += c;
  }
  buf_ += '"';
}

void RejectWriter::add(const Record& row, const std::vector<Violation>& violations) {
  ++rows_;
  for (std::size_t i = 0; i < std::max(row.size(), width_); ++i) {
    if (i < row.size() && row[i]) cell(*row[i]);
    buf_ += ',';
  }
  std::string reasons;
  for (const auto& v : violations) {
    if (!reasons.empty()) reasons += "；";
    if (!v.column.empty()) reasons += v.column + "：";
    reasons += v.reason;
  }
  cell(reasons);
  buf_ += "\r\n";
  flush_if_full();
}

void RejectWriter::flush_if_full() {
  if (buf_.size() < (1 << 20)) return;
  if (f_ && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) failed_ = true;
  buf_.clear();
}

Result<void> RejectWriter::close() {
  if (f_) {
    if (std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) failed_ = true;
    buf_.clear();
    if (std::fclose(f_) != 0) failed_ = true;
    f_ = nullptr;
  } else if (!failed_) {
    return kf::ok();  // already closed
  }
  if (failed_) return Error::internal("writing rejected rows to " + path_ + " failed");
  return kf::ok();
}

}  // namespace kf::ingest

// CSV per RFC 4180 with the liberties real exports take: any of , \t ; | as delimiter, CRLF, LF
// or CR line ends, quoted fields with delimiters, doubled quotes and line breaks, a stray quote
// inside an unquoted field kept as a character. The text arrives as UTF-8 from Utf8Stream in
// chunks of about 1 MB; a record may span chunks, so the parser keeps its state in the fields
// it is filling, and the buffer can be replaced at any byte.
#include <array>
#include <cstring>

#include "ingest/encoding.h"
#include "ingest/reader_common.h"

namespace kf::ingest::detail {

namespace {

constexpr std::array<char, 4> kDelimiters = {',', '\t', ';', '|'};

// Picks the delimiter whose count per line is the same on the most of the first lines (quote-
// aware: delimiters and line breaks inside quotes do not count), preferring the one that splits
// the header into more columns. A file with one column gets ','.
char detect_delimiter(std::string_view text, bool whole) {
  std::vector<std::array<int, 4>> lines;
  std::array<int, 4> cur{};
  bool in_quotes = false, blank = true;
  for (std::size_t i = 0; i < text.size() && lines.size() < 50; ++i) {
    const char c = text[i];
    if (c == '"') in_quotes = !in_quotes;  // "" inside quotes toggles twice: no change
    if (in_quotes) continue;
    if (c == '\n' || c == '\r') {
      if (!blank) lines.push_back(cur);
      cur = {};
      blank = true;
      continue;
    }
    blank = false;
    for (std::size_t k = 0; k < kDelimiters.size(); ++k) cur[k] += c == kDelimiters[k];
  }
  if (!blank && (whole || lines.empty())) lines.push_back(cur);
  if (lines.empty()) return ',';
  char best = ',';
  double best_agree = -1;
  int best_cols = 0;
  for (std::size_t k = 0; k < kDelimiters.size(); ++k) {
    const int head = lines[0][k];
    if (head == 0) continue;
    int agree = 0;
    for (std::size_t i = 1; i < lines.size(); ++i) agree += lines[i][k] == head;
    const double frac = lines.size() > 1 ? double(agree) / double(lines.size() - 1) : 1.0;
    if (frac > best_agree || (frac == best_agree && head > best_cols)) {
      best = kDelimiters[k], best_agree = frac, best_cols = head;
    }
  }
  return best;
}

std::string line_prefix(std::int64_t line) { return "第 " + std::to_string(line) + " 行："; }

class CsvReader final : public RecordReader {
 public:
  Result<void> init(const std::string& path, const ReaderOptions& opt);
  const std::vector<std::string>& header() const override { return header_; }
  Result<bool> next(Record& out) override;
  std::uint64_t bytes_read() const override { return stream_->bytes_read(); }
  std::uint64_t total_bytes() const override { return stream_->total_bytes(); }
  std::int64_t record_number() const override { return records_; }
  std::int64_t source_row() const override { return record_line_; }
  SourceInfo info() const override {
    SourceInfo i = info_;
    i.encoding = stream_->encoding().label;  // may change once, see Utf8Stream::encoding()
    return i;
  }

 private:
  enum class State { field_start, unquoted, quoted, quote_in_quoted };
  Result<bool> parse_record(Record& out);
  Result<bool> refill();
  Error error_at(std::int64_t line, const std::string& msg) const {
    return Error::invalid(line_prefix(line) + msg, "file");
  }

  std::unique_ptr<Utf8Stream> stream_;
  std::string buf_;
  std::size_t pos_ = 0;
  char delim_ = ',';
  bool skip_lf_ = false;  // the last record ended with CR: a following LF belongs to it
  std::array<unsigned char, 256> plain_{};   // 1 for bytes that end an unquoted run
  std::array<unsigned char, 256> quoted_{};  // 1 for bytes that end a quoted run
  std::vector<std::string> header_;
  Limits limits_;
  std::int64_t line_ = 1;
  std::int64_t record_line_ = 0;
  std::int64_t records_ = 0;
  SourceInfo info_;
};

Result<void> CsvReader::init(const std::string& path, const ReaderOptions& opt) {
  limits_ = opt.limits;
  KF_ASSIGN(stream_, Utf8Stream::open(path));
  buf_.reserve(Utf8Stream::kChunk * 3 + 64);
  KF_TRY(refill());
  delim_ = detect_delimiter(std::string_view(buf_).substr(0, std::size_t{64} << 10),
                            stream_->bytes_read() >= stream_->total_bytes());
  for (unsigned char c : {static_cast<unsigned char>(delim_), static_cast<unsigned char>('"'),
                          static_cast<unsigned char>('\r'), static_cast<unsigned char>('\n')}) {
    plain_[c] = 1;
  }
  quoted_['"'] = quoted_['\n'] = 1;
  info_ = {"csv", stream_->encoding().label, std::string(1, delim_), ""};

  Record first;
  KF_ASSIGN(const bool any, parse_record(first));
  if (!any) return Error::invalid("文件为空，没有表头", "file");
  KF_ASSIGN(header_, make_header(first, "第 " + std::to_string(record_line_) + " 行"));
  return kf::ok();
}

Result<bool> CsvReader::refill() {
  buf_.clear();
  pos_ = 0;
  auto n = stream_->read(buf_);
  if (!n) return error_at(line_, std::move(n).error().message);
  return *n > 0;
}

Result<bool> CsvReader::next(Record& out) {
  KF_ASSIGN(const bool got, parse_record(out));
  if (!got) return false;
  ++records_;
  drop_trailing_nulls(out, header_.size());
  return true;
}

// Fills `out` with the next non-blank record. Field strings are reused: a value is appended run
// by run straight from the buffer, never copied twice.
Result<bool> CsvReader::parse_record(Record& out) {
  State st = State::field_start;
  std::size_t nf = 0;          // fields begun
  std::string* f = nullptr;    // the field being filled, inside out[nf - 1]
  bool quoted_any = false;     // a blank line is one empty unquoted field
  std::int64_t start = line_;  // where this record begins

  auto begin_field = [&]() -> Result<void> {
    if (nf == out.size()) {
      if (nf >= limits_.max_columns) {
        return error_at(start, "列数超过上限 " + std::to_string(limits_.max_columns));
      }
      out.emplace_back();
    }
    auto& o = out[nf++];
    if (o) {
      o->clear();
    } else {
      o.emplace();
    }
    f = &*o;
    return kf::ok();
  };
  auto end_field = [&]() {
    if (f->empty()) out[nf - 1].reset();
  };
  auto too_large = [&]() {
    return error_at(start, "第 " + std::to_string(nf) + " 列的内容超过 " +
                               std::to_string(limits_.max_field_bytes) + " 字节的上限");
  };

  for (;;) {
    if (pos_ == buf_.size()) {
      KF_ASSIGN(const bool more, refill());
      if (!more) {
        if (st == State::quoted) return error_at(start, "引号字段缺少结束引号");
        if (nf == 0) return false;
        end_field();
        out.resize(nf);
        if (nf == 1 && !out[0] && !quoted_any) return false;  // blank last line
        record_line_ = start;
        return true;
      }
    }
    const char* p = buf_.data() + pos_;
    const char* const end = buf_.data() + buf_.size();
    if (skip_lf_) {
      skip_lf_ = false;
      if (*p == '\n') {
        ++pos_;
        continue;
      }
    }
    switch (st) {
      case State::field_start:
        KF_TRY(begin_field());
        if (*p == '"') {
          st = State::quoted;
          quoted_any = true;
          ++pos_;
          continue;
        }
        st = State::unquoted;
        [[fallthrough]];
      case State::unquoted:
      case State::quote_in_quoted: {
        if (st == State::quote_in_quoted) {
          // Just after a quote inside a quoted field: "" is a quote, anything else closes it.
          if (*p == '"') {
            f->push_back('"');
            ++pos_;
            st = State::quoted;
            continue;
          }
          st = State::unquoted;  // text after the closing quote, if any, is kept
        }
        const char* q = p;
        while (q < end && !plain_[static_cast<unsigned char>(*q)]) ++q;
        f->append(p, static_cast<std::size_t>(q - p));
        pos_ += static_cast<std::size_t>(q - p);
        if (f->size() > limits_.max_field_bytes) return too_large();
        if (q == end) continue;
        ++pos_;
        if (*q == delim_) {
          end_field();
          st = State::field_start;
          continue;
        }
        if (*q == '"') {
          f->push_back('"');
          continue;
        }
        // CR or LF: the record ends.
        skip_lf_ = *q == '\r';
        ++line_;
        end_field();
        if (nf == 1 && !out[0] && !quoted_any) {  // blank line: skip it
          nf = 0;
          st = State::field_start;
          start = line_;
          continue;
        }
        out.resize(nf);
        record_line_ = start;
        return true;
      }
      case State::quoted: {
        const char* q = p;
        while (q < end && !quoted_[static_cast<unsigned char>(*q)]) ++q;
        f->append(p, static_cast<std::size_t>(q - p));
        pos_ += static_cast<std::size_t>(q - p);
        if (f->size() > limits_.max_field_bytes) return too_large();
        if (q == end) continue;
        ++pos_;
        if (*q == '"') {
          st = State::quote_in_quoted;
        } else {  // a line break inside the value
          f->push_back('\n');
          ++line_;
        }
        continue;
      }
    }
  }
}

}  // namespace

Result<std::unique_ptr<RecordReader>> open_csv(const std::string& path, const ReaderOptions& opt) {
  auto r = std::make_unique<CsvReader>();
  KF_TRY(r->init(path, opt));
  return std::unique_ptr<RecordReader>(std::move(r));
}

}  // namespace kf::ingest::detail

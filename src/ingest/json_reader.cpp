// JSON input: a top-level array of flat objects, or NDJSON (one flat object per line). Parsed
// with Boost.JSON's SAX parser (basic_parser) fed in 64 KB pieces, so no document is ever built;
// finished records wait in a small queue until next() takes them. Which layout a file has is
// decided by its first non-blank character ('[' or '{'), whatever its extension says.
#include <boost/json/basic_parser_impl.hpp>
#include <deque>
#include <unordered_map>

#include "ingest/encoding.h"
#include "ingest/reader_common.h"

namespace kf::ingest::detail {

namespace {

namespace json = boost::json;

constexpr std::size_t kFeed = std::size_t{64} << 10;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

struct Pending {
  Record row;
  std::int64_t line = 0;
};

// Turns SAX events into records. Returns false with `msg` set to stop the parser on input the
// platform does not take (nesting, unknown keys); the reader turns `msg` into the error.
struct Handler {
  static constexpr std::size_t max_array_size = -1;
  static constexpr std::size_t max_object_size = -1;
  static constexpr std::size_t max_string_size = -1;
  static constexpr std::size_t max_key_size = -1;

  int record_depth = 2;  // 2: records inside the top-level array; 1: NDJSON
  int depth = 0;
  std::int64_t started = 0;  // records begun, 1-based number of the current one
  std::int64_t line = 0;     // NDJSON: line of the current document
  Limits limits;
  bool header_done = false;
  std::vector<std::string> header;
  std::unordered_map<std::string, std::size_t> index;
  Pending cur;
  std::vector<bool> seen;
  std::string key, val;
  std::deque<Pending>* ready = nullptr;
  std::string msg;

  std::string where() const {
    return record_depth == 1 ? "第 " + std::to_string(line) + " 行"
                             : "第 " + std::to_string(started) + " 条记录";
  }
  bool fail(json::error_code& ec, std::string m) {
    msg = std::move(m);
    ec = json::make_error_code(json::error::syntax);
    return false;
  }
  bool begin(json::error_code& ec, bool object) {
    ++depth;
    if (depth < record_depth) return true;  // the top-level array
    if (depth == record_depth) {
      ++started;
      if (!object) return fail(ec, where() + "不是 JSON 对象，每条记录应为一个对象");
      cur.row.assign(header.size(), std::nullopt);
      cur.line = line;
      seen.assign(header.size(), false);
      return true;
    }
    return fail(ec, where() + "的键「" + key + "」的值是嵌套的对象或数组，只支持扁平的键值");
  }
  bool value(json::error_code& ec, std::optional<std::string> v) {
    if (depth < record_depth) {
      ++started;
      return fail(ec, where() + "不是 JSON 对象，每条记录应为一个对象");
    }
    std::string name(trim_name(key));
    auto it = index.find(name);
    if (it == index.end()) {
      if (header_done) {
        return fail(ec,
                    where() + "出现了第一条记录中没有的键「" + name +
                        "」。列由第一条记录的键决定，请在第一条记录中列出全部键（值可为 null）");
      }
      if (name.empty()) return fail(ec, "第一条记录中有空的键名");
      if (header.size() >= limits.max_columns) {
        return fail(ec, "列数超过上限 " + std::to_string(limits.max_columns));
      }
      it = index.emplace(name, header.size()).first;
      header.push_back(name);
      cur.row.emplace_back();
      seen.push_back(false);
    }
    if (seen[it->second]) return fail(ec, where() + "中的键「" + name + "」重复");
    seen[it->second] = true;
    cur.row[it->second] = std::move(v);
    return true;
  }
  bool grow(json::error_code& ec, std::string& s, json::string_view part) {
    s.append(part.data(), part.size());
    if (s.size() > limits.max_field_bytes) {
      return fail(ec,
                  where() + "中的值超过 " + std::to_string(limits.max_field_bytes) + " 字节的上限");
    }
    return true;
  }

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_array_begin(json::error_code& ec) { return begin(ec, false); }
  bool on_array_end(std::size_t, json::error_code&) { return --depth, true; }
  bool on_object_begin(json::error_code& ec) { return begin(ec, true); }
  bool on_object_end(std::size_t, json::error_code& ec) {
    if (depth-- != record_depth) return true;
    if (!header_done) {
      if (header.empty()) return fail(ec, "第一条记录没有任何键，无法确定列");
      header_done = true;
    }
    ready->push_back(std::move(cur));
    cur = {};
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code& ec) {
    return grow(ec, val, s);
  }
  bool on_string(json::string_view s, std::size_t, json::error_code& ec) {
    if (!grow(ec, val, s)) return false;
    std::string v = std::move(val);
    val.clear();
    return value(ec, std::move(v));
  }
  // A key may come in parts; the first part of a new key replaces the previous key.
  bool on_key_part(json::string_view s, std::size_t, json::error_code& ec) {
    if (key_done) key.clear(), key_done = false;
    return grow(ec, key, s);
  }
  bool on_key(json::string_view s, std::size_t, json::error_code& ec) {
    if (key_done) key.clear();
    key_done = true;
    return grow(ec, key, s);
  }
  bool on_number_part(json::string_view s, json::error_code& ec) { return grow(ec, val, s); }
  bool number(json::string_view s, json::error_code& ec) {
    if (!grow(ec, val, s)) return false;
    std::string v = std::move(val);
    val.clear();
    return value(ec, std::move(v));
  }
  bool on_int64(std::int64_t, json::string_view s, json::error_code& ec) { return number(s, ec); }
  bool on_uint64(std::uint64_t, json::string_view s, json::error_code& ec) { return number(s, ec); }
  bool on_double(double, json::string_view s, json::error_code& ec) { return number(s, ec); }
  bool on_bool(bool b, json::error_code& ec) { return value(ec, b ? "true" : "false"); }
  bool on_null(json::error_code& ec) { return value(ec, std::nullopt); }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

  bool key_done = true;  // on_key_part appends to a key begun by an earlier part
};

json::parse_options parse_options() {
  json::parse_options o;
  o.max_depth = 8;
  return o;
}

class JsonReader final : public RecordReader {
 public:
  JsonReader() : parser_(parse_options()) {}
  Result<void> init(const std::string& path, const ReaderOptions& opt);
  const std::vector<std::string>& header() const override { return h().header; }
  Result<bool> next(Record& out) override;
  std::uint64_t bytes_read() const override { return stream_->bytes_read(); }
  std::uint64_t total_bytes() const override { return stream_->total_bytes(); }
  std::int64_t record_number() const override { return records_; }
  std::int64_t source_row() const override { return ndjson_ ? row_line_ : records_; }
  SourceInfo info() const override {
    SourceInfo i = info_;
    i.encoding = stream_->encoding().label;
    return i;
  }

 private:
  Handler& h() { return parser_.handler(); }
  const Handler& h() const { return parser_.handler(); }
  Result<bool> more_text();
  Result<void> feed();
  Result<void> feed_or_defer();
  Result<void> feed_ndjson();
  Result<void> finish_line();
  Error parse_error(const json::error_code& ec, std::string_view consumed);

  std::unique_ptr<Utf8Stream> stream_;
  json::basic_parser<Handler> parser_;
  std::deque<Pending> ready_;
  std::optional<Error> deferred_;
  std::string buf_;
  std::size_t pos_ = 0;
  bool ndjson_ = false;
  bool in_doc_ = false;
  bool eof_ = false;
  std::int64_t line_ = 1;  // line at pos_
  std::int64_t records_ = 0;
  std::int64_t row_line_ = 0;
  SourceInfo info_;
};

Result<void> JsonReader::init(const std::string& path, const ReaderOptions& opt) {
  KF_ASSIGN(stream_, Utf8Stream::open(path));
  h().limits = opt.limits;
  h().ready = &ready_;
  // The first non-blank character tells the layout.
  for (;;) {
    while (pos_ < buf_.size() && is_blank(buf_[pos_])) line_ += buf_[pos_++] == '\n';
    if (pos_ < buf_.size()) break;
    KF_ASSIGN(const bool more, more_text());
    if (!more) return Error::invalid("文件为空，没有任何记录", "file");
  }
  if (buf_[pos_] != '[' && buf_[pos_] != '{') {
    return Error::invalid("JSON 文件应为对象数组（以 [ 开头）或每行一个对象的 NDJSON", "file");
  }
  ndjson_ = buf_[pos_] == '{';
  h().record_depth = ndjson_ ? 1 : 2;
  info_ = {ndjson_ ? "ndjson" : "json", stream_->encoding().label, "", ""};
  while (!h().header_done && !eof_) KF_TRY(feed_or_defer());
  if (!h().header_done) return Error::invalid("文件中没有任何记录，无法确定列", "file");
  return kf::ok();
}

Result<bool> JsonReader::more_text() {
  buf_.clear();
  pos_ = 0;
  auto n = stream_->read(buf_);
  if (!n)
    return Error::invalid("第 " + std::to_string(line_) + " 行：" + n.error().message, "file");
  return *n > 0;
}

Error JsonReader::parse_error(const json::error_code& ec, std::string_view consumed) {
  std::string msg = std::move(h().msg);
  if (msg.empty()) {
    for (char c : consumed) line_ += c == '\n';
    msg = "第 " + std::to_string(line_) + " 行附近的 JSON 格式错误";
  }
  Error e = Error::invalid(std::move(msg), "file");
  e.detail = ec.message();
  return e;
}

// An error after complete records waits until next() has handed those out, so that it is
// reported after the rows before it, like in the other formats.
Result<void> JsonReader::feed_or_defer() {
  auto r = feed();
  if (r.ok() || ready_.empty()) return r;
  deferred_ = std::move(r).error();
  return kf::ok();
}

Result<void> JsonReader::feed() {
  if (pos_ == buf_.size()) {
    KF_ASSIGN(const bool more, more_text());
    if (!more) {
      eof_ = true;
      json::error_code ec;
      if (!ndjson_ && !parser_.done()) {
        parser_.write_some(false, nullptr, 0, ec);
        if (ec && !h().msg.empty()) return parse_error(ec, {});
        if (ec || !parser_.done()) return Error::invalid("JSON 文件不完整：数组没有结束", "file");
      }
      if (ndjson_ && in_doc_) return finish_line();
      return kf::ok();
    }
  }
  if (ndjson_) return feed_ndjson();
  if (parser_.done()) {  // only blanks may follow the closing ]
    while (pos_ < buf_.size() && is_blank(buf_[pos_])) ++pos_;
    if (pos_ < buf_.size()) return Error::invalid("JSON 数组结束后还有多余的内容", "file");
    return kf::ok();
  }
  const std::size_t n = std::min(kFeed, buf_.size() - pos_);
  json::error_code ec;
  const std::size_t used = parser_.write_some(true, buf_.data() + pos_, n, ec);
  if (ec) return parse_error(ec, std::string_view(buf_).substr(pos_, used));
  for (std::size_t i = pos_; i < pos_ + used; ++i) line_ += buf_[i] == '\n';
  pos_ += used;
  return kf::ok();
}

// NDJSON: one document per line, so a broken line is reported on its own line and does not
// swallow the next ones. Blank lines are skipped.
Result<void> JsonReader::feed_ndjson() {
  if (!in_doc_) {
    while (pos_ < buf_.size() && is_blank(buf_[pos_])) line_ += buf_[pos_++] == '\n';
    if (pos_ == buf_.size()) return kf::ok();
    parser_.reset();
    h().line = line_;
    in_doc_ = true;
  }
  const std::string where = "第 " + std::to_string(line_) + " 行";
  const auto nl = buf_.find('\n', pos_);
  const std::size_t stop = nl == std::string::npos ? buf_.size() : nl;
  const std::size_t n = std::min(kFeed, stop - pos_);
  json::error_code ec;
  std::size_t used = parser_.done() ? 0 : parser_.write_some(true, buf_.data() + pos_, n, ec);
  if (ec) return parse_error(ec, {});
  for (std::size_t i = pos_ + used; i < pos_ + n; ++i) {
    if (!is_blank(buf_[i])) return Error::invalid(where + "有多于一个 JSON 值", "file");
  }
  pos_ += n;
  // The line goes on beyond this piece or in the next chunk.
  if (pos_ != stop || nl == std::string::npos) return kf::ok();
  KF_TRY(finish_line());
  ++pos_, ++line_;
  return kf::ok();
}

Result<void> JsonReader::finish_line() {
  json::error_code ec;
  if (!parser_.done()) {
    parser_.write_some(false, nullptr, 0, ec);
    if (ec && !h().msg.empty()) return parse_error(ec, {});
    if (ec || !parser_.done()) {
      return Error::invalid("第 " + std::to_string(line_) + " 行不是完整的 JSON 对象", "file");
    }
  }
  in_doc_ = false;
  return kf::ok();
}

Result<bool> JsonReader::next(Record& out) {
  while (ready_.empty()) {
    if (deferred_) return *deferred_;
    if (eof_) return false;
    KF_TRY(feed_or_defer());
  }
  Pending& p = ready_.front();
  out.swap(p.row);
  row_line_ = p.line;
  ready_.pop_front();
  ++records_;
  return true;
}

}  // namespace

Result<std::unique_ptr<RecordReader>> open_json(const std::string& path, const ReaderOptions& opt) {
  auto r = std::make_unique<JsonReader>();
  KF_TRY(r->init(path, opt));
  return std::unique_ptr<RecordReader>(std::move(r));
}

}  // namespace kf::ingest::detail

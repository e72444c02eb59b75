// Text encodings of uploaded files: detection (BOM, UTF-16 NUL pattern, UTF-8 validity,
// uchardet) and a streaming converter to UTF-8 (glibc iconv), so that a 1 GB GBK file is
// converted chunk by chunk in constant memory.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace kf::ingest {

struct DetectedEncoding {
  std::string iconv_name;  // "UTF-8" (no conversion needed) or a name iconv_open() accepts
  std::string label;       // for SourceInfo: "UTF-8", "UTF-8-BOM", "GB18030", "UTF-16LE", …
  std::size_t bom_size = 0;
};

// Guesses the encoding of `sample`, the first bytes of a file (`whole` when the file is no
// longer than the sample). Order: BOM; UTF-16 without BOM by its NUL bytes; valid UTF-8 (plain
// ASCII included); then uchardet, where GB2312 / GBK / GB18030 all become GB18030 (the
// superset). invalid_argument when nothing fits.
Result<DetectedEncoding> detect_encoding(std::string_view sample, bool whole);

// Length of the longest prefix of `s` that is complete, valid UTF-8 (no overlongs, no
// surrogates, nothing above U+10FFFF). `truncated` is set when the rest is only the valid start
// of a sequence cut off by the end of `s`, i.e. more input could complete it.
std::size_t utf8_valid_prefix(std::string_view s, bool& truncated);

// Reads a file as UTF-8 text in chunks, whatever its encoding. Not thread-safe.
class Utf8Stream {
 public:
  static constexpr std::size_t kChunk = 1 << 20;

  // Opens `path` and detects its encoding from its first 64 KB.
  static Result<std::unique_ptr<Utf8Stream>> open(const std::string& path);
  ~Utf8Stream();
  Utf8Stream(const Utf8Stream&) = delete;
  Utf8Stream& operator=(const Utf8Stream&) = delete;

  // Appends the next piece of text (BOM removed) to `out` and returns its size; 0 at the end.
  // A character split by a chunk border is held back until the next call. Bytes invalid in the
  // detected encoding: the valid text before them is returned first, the error on the next call
  // (so that the caller can say on which line it is). The message never quotes the bytes.
  Result<std::size_t> read(std::string& out);

  // The encoding being read. A file whose first 64 KB are ASCII is read as UTF-8 until its
  // first non-ASCII byte; if that is not UTF-8 but GB18030 fits, the stream switches to GB18030,
  // so ask again after reading for the final answer.
  const DetectedEncoding& encoding() const { return enc_; }
  std::uint64_t bytes_read() const { return file_pos_ - (raw_.size() - raw_pos_); }
  std::uint64_t total_bytes() const { return total_; }

 private:
  Utf8Stream() = default;
  std::size_t fill();  // moves the unprocessed rest to the front and reads more; 0 at EOF
  Result<std::size_t> read_utf8(std::string& out);
  Result<std::size_t> read_converted(std::string& out);
  bool switch_to_gb18030(std::string_view rest);
  Error encoding_error() const;

  std::FILE* file_ = nullptr;
  void* cd_ = nullptr;  // iconv_t, or null for UTF-8 input
  DetectedEncoding enc_;
  std::string raw_;  // bytes read from the file; [raw_pos_, size) not yet converted
  std::size_t raw_pos_ = 0;
  bool need_more_ = false;     // the unprocessed rest is an incomplete character
  bool failed_ = false;        // an invalid byte sequence follows the text already returned
  bool ascii_so_far_ = false;  // "UTF-8" guessed from ASCII only: GB18030 still possible
  std::uint64_t file_pos_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace kf::ingest

#include "ingest/encoding.h"

#include <iconv.h>
#include <sys/stat.h>
#include <uchardet.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "ingest/reader_common.h"

namespace kf::ingest {

namespace {

constexpr std::size_t kSniffBytes = std::size_t{64} << 10;

bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

// True if iconv converts `sample` from `name` without an invalid sequence (a sequence cut by the
// end of a partial sample is fine).
bool converts_cleanly(const char* name, std::string_view sample, bool whole) {
  iconv_t cd = iconv_open("UTF-8", name);
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  std::string out(4096, '\0');
  char* in = const_cast<char*>(sample.data());
  std::size_t in_left = sample.size();
  bool ok = true;
  while (in_left > 0) {
    char* o = out.data();
    std::size_t o_left = out.size();
    if (iconv(cd, &in, &in_left, &o, &o_left) != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) continue;
    ok = errno == EINVAL && !whole;
    break;
  }
  iconv_close(cd);
  return ok;
}

std::string uchardet_guess(std::string_view sample) {
  uchardet_t ud = uchardet_new();
  uchardet_handle_data(ud, sample.data(), sample.size());
  uchardet_data_end(ud);
  std::string name = uchardet_get_charset(ud);
  uchardet_delete(ud);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return name;
}

DetectedEncoding make(std::string iconv_name, std::string label, std::size_t bom = 0) {
  return {std::move(iconv_name), std::move(label), bom};
}

}  // namespace

std::size_t utf8_valid_prefix(std::string_view s, bool& truncated) {
  truncated = false;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // Most data is ASCII: test eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return i;
    }
    const std::size_t have = std::min(len, n - i);
    if (have >= 2 && (p[i + 1] < lo || p[i + 1] > hi)) return i;
    for (std::size_t k = 2; k < have; ++k) {
      if (!is_cont(p[i + k])) return i;
    }
    if (have < len) {
      truncated = true;
      return i;
    }
    i += len;
  }
  return n;
}

Result<DetectedEncoding> detect_encoding(std::string_view s, bool whole) {
  // Spreadsheets saved under a text file's name are a common mistake: say what they are.
  if (s.starts_with("PK\x03\x04")) {
    return Error::invalid("文件内容是 XLSX（ZIP）格式而不是文本，请以 .xlsx 文件上传", "file");
  }
  if (s.starts_with("\xD0\xCF\x11\xE0")) {
    return Error::invalid("不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV", "file");
  }
  if (s.starts_with("\xEF\xBB\xBF")) return make("UTF-8", "UTF-8-BOM", 3);
  if (s.starts_with("\xFF\xFE")) return make("UTF-16LE", "UTF-16LE", 2);
  if (s.starts_with("\xFE\xFF")) return make("UTF-16BE", "UTF-16BE", 2);

  // UTF-16 without BOM: CSV text is mostly ASCII (digits, delimiters), so one byte of most
  // pairs is NUL, on the odd side for little-endian. Single-byte encodings have no NULs.
  const std::size_t pairs = std::min<std::size_t>(s.size(), 8192) / 2;
  std::size_t even_zero = 0, odd_zero = 0;
  for (std::size_t i = 0; i < pairs; ++i) {
    even_zero += s[2 * i] == '\0';
    odd_zero += s[2 * i + 1] == '\0';
  }
  if (pairs >= 2) {
    if (odd_zero * 4 >= pairs && even_zero * 8 <= odd_zero) return make("UTF-16LE", "UTF-16LE");
    if (even_zero * 4 >= pairs && odd_zero * 8 <= even_zero) return make("UTF-16BE", "UTF-16BE");
  }

  if (s.find('\0') != std::string_view::npos) {
    return Error::invalid("文件不是文本文件（含有二进制内容），无法按 CSV 读取", "file");
  }
  bool truncated = false;
  const std::size_t valid = utf8_valid_prefix(s, truncated);
  if (valid == s.size() || (truncated && !whole)) return make("UTF-8", "UTF-8");

  // Not UTF-8. Chinese files are GBK in practice; uchardet tells it from Big5 and from the
  // Western code pages, and GB18030 decodes everything GB2312 and GBK do.
  const std::string guess = uchardet_guess(s);
  if ((guess == "BIG5" || guess == "EUC-TW") && converts_cleanly("BIG5", s, whole)) {
    return make("BIG5", "BIG5");
  }
  if (converts_cleanly("GB18030", s, whole)) return make("GB18030", "GB18030");
  if (!guess.empty() && guess != "ASCII" && guess.find("UTF-8") == std::string::npos &&
      converts_cleanly(guess.c_str(), s, whole)) {
    return make(guess, guess);
  }
  return Error::invalid("无法识别文件的字符编码，请另存为 UTF-8 编码后重新上传", "file");
}

Result<std::unique_ptr<Utf8Stream>> Utf8Stream::open(const std::string& path) {
  std::unique_ptr<Utf8Stream> st(new Utf8Stream());
  st->file_ = std::fopen(path.c_str(), "rb");
  if (!st->file_) return detail::open_error(path, errno);
  struct stat sb {};
  if (::fstat(fileno(st->file_), &sb) == 0) st->total_ = static_cast<std::uint64_t>(sb.st_size);
  st->fill();
  const bool whole = std::feof(st->file_) != 0;
  KF_ASSIGN(st->enc_, detect_encoding(std::string_view(st->raw_).substr(0, kSniffBytes),
                                      whole && st->raw_.size() <= kSniffBytes));
  st->raw_pos_ = st->enc_.bom_size;
  const std::string_view sample = std::string_view(st->raw_).substr(0, kSniffBytes);
  st->ascii_so_far_ = st->enc_.label == "UTF-8" &&
                      std::all_of(sample.begin(), sample.end(),
                                  [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (st->enc_.iconv_name != "UTF-8") {
    iconv_t cd = iconv_open("UTF-8", st->enc_.iconv_name.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) {
      return Error::internal("iconv_open " + st->enc_.iconv_name + " failed");
    }
    st->cd_ = cd;
  }
  return st;
}

Utf8Stream::~Utf8Stream() {
  if (cd_) iconv_close(static_cast<iconv_t>(cd_));
  if (file_) std::fclose(file_);
}

std::size_t Utf8Stream::fill() {
  raw_.erase(0, raw_pos_);
  raw_pos_ = 0;
  const std::size_t old = raw_.size();
  raw_.resize(old + kChunk);
  const std::size_t n = std::fread(raw_.data() + old, 1, kChunk, file_);
  raw_.resize(old + n);
  file_pos_ += n;
  need_more_ = false;
  return n;
}

Error Utf8Stream::encoding_error() const {
  return Error::invalid("文件中有不符合 " + enc_.label +
                            " 编码的字节（文件可能混用了多种编码或已损坏），请统一另存为 UTF-8 "
                            "编码后重新上传",
                        "file");
}

Result<std::size_t> Utf8Stream::read(std::string& out) {
  if (failed_) return encoding_error();
  return cd_ ? read_converted(out) : read_utf8(out);
}

Result<std::size_t> Utf8Stream::read_utf8(std::string& out) {
  for (;;) {
    if (raw_pos_ == raw_.size() || need_more_) {
      if (fill() == 0) {
        if (raw_pos_ < raw_.size()) return encoding_error();  // cut-off character at the end
        return std::size_t{0};
      }
    }
    const std::string_view avail(raw_.data() + raw_pos_, raw_.size() - raw_pos_);
    bool truncated = false;
    const std::size_t ok = utf8_valid_prefix(avail, truncated);
    if (ascii_so_far_) {
      const std::string_view good = avail.substr(0, ok);
      ascii_so_far_ = std::all_of(good.begin(), good.end(),
                                  [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    }
    if (ok < avail.size() && !truncated) {
      // Only ASCII so far, so the guess "UTF-8" rested on nothing: a GBK file whose first
      // 64 KB are ASCII. ASCII reads the same in GB18030, so switch from here on.
      if (ascii_so_far_ && switch_to_gb18030(avail.substr(ok))) {
        if (ok == 0) return read_converted(out);
        out.append(avail.data(), ok);
        raw_pos_ += ok;
        return ok;
      }
      failed_ = true;
    }
    if (ok == 0) {
      if (failed_) return encoding_error();
      need_more_ = true;
      continue;
    }
    out.append(avail.data(), ok);
    raw_pos_ += ok;
    if (truncated) need_more_ = true;
    return ok;
  }
}

bool Utf8Stream::switch_to_gb18030(std::string_view rest) {
  if (!converts_cleanly("GB18030", rest.substr(0, kSniffBytes), false)) return false;
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  cd_ = cd;
  enc_ = {"GB18030", "GB18030", 0};
  ascii_so_far_ = false;
  return true;
}

Result<std::size_t> Utf8Stream::read_converted(std::string& out) {
  auto cd = static_cast<iconv_t>(cd_);
  for (;;) {
    if (raw_pos_ == raw_.size() || need_more_) {
      if (fill() == 0) {
        if (raw_pos_ < raw_.size()) return encoding_error();
        return std::size_t{0};
      }
    }
    const std::size_t remaining = raw_.size() - raw_pos_;
    const std::size_t base = out.size();
    out.resize(base + remaining * 3 + 64);  // no source byte becomes more than 3 UTF-8 bytes
    char* in = raw_.data() + raw_pos_;
    std::size_t in_left = remaining;
    char* o = out.data() + base;
    std::size_t o_left = out.size() - base;
    const std::size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    const int err = errno;
    raw_pos_ += remaining - in_left;
    const std::size_t produced = static_cast<std::size_t>(o - (out.data() + base));
    out.resize(base + produced);
    if (r == static_cast<std::size_t>(-1)) {
      if (err == EILSEQ) failed_ = true;
      if (err == EINVAL) need_more_ = true;  // a character continues in the next chunk
    }
    if (produced > 0) return produced;
    if (failed_) return encoding_error();
  }
}

}  // namespace kf::ingest

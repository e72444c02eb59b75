// Private to the ingest module: reading entries of an XLSX (zip) file through minizip with the
// zip-bomb limits enforced while decompressing, not only from the sizes the archive declares
// (which an attacker writes).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/error.h"
#include "ingest/reader.h"

namespace kf::ingest::detail {

// The message of every refusal by size or ratio.
inline constexpr std::string_view kZipBombMessage = "XLSX 文件解压后过大（可能是压缩炸弹），已拒绝";
// The ratio limit applies once an entry has produced this much, so that small, very repetitive
// parts (styles, a tiny sheet) are not refused.
inline constexpr std::uint64_t kRatioFloor = 1 << 20;

class ZipArchive;

// One open entry; at most one per archive at a time (minizip has a single cursor).
class ZipEntry {
 public:
  ~ZipEntry();
  ZipEntry(const ZipEntry&) = delete;
  ZipEntry& operator=(const ZipEntry&) = delete;

  // Reads up to `n` bytes; 0 at the end, after the CRC was verified. Refuses with
  // kZipBombMessage as soon as the output passes the size or ratio limit.
  Result<std::size_t> read(char* buf, std::size_t n);
  std::uint64_t produced() const { return produced_; }
  std::uint64_t declared_size() const { return declared_; }

 private:
  friend class ZipArchive;
  ZipEntry(void* uf, std::string name, const Limits& limits)
      : uf_(uf), name_(std::move(name)), limits_(limits) {}
  void* uf_;
  std::string name_;
  Limits limits_;
  std::uint64_t declared_ = 0;
  std::uint64_t compressed_ = 0;
  std::uint64_t produced_ = 0;
  bool open_ = false;
  bool done_ = false;
};

class ZipArchive {
 public:
  static Result<std::unique_ptr<ZipArchive>> open(const std::string& path, const Limits& limits);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool has(const std::string& name);
  // not found → invalid_argument naming the missing part; limits checked on declared sizes.
  Result<std::unique_ptr<ZipEntry>> open_entry(const std::string& name);
  std::uint64_t file_size() const { return size_; }

 private:
  ZipArchive() = default;
  void* uf_ = nullptr;  // unzFile
  Limits limits_;
  std::uint64_t size_ = 0;
};

// The message for a damaged archive or one that is not an XLSX at all.
Error corrupt_xlsx(std::string detail);

}  // namespace kf::ingest::detail

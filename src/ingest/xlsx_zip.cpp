#include "ingest/xlsx_zip.h"

#include <sys/stat.h>
#include <unzip.h>

#include <cerrno>

#include "ingest/reader_common.h"

namespace kf::ingest::detail {

namespace {

Error bomb(std::string detail) {
  Error e = Error::invalid(std::string(kZipBombMessage), "file");
  e.detail = std::move(detail);
  return e;
}

bool over_ratio(std::uint64_t out, std::uint64_t compressed, double max_ratio) {
  if (out <= kRatioFloor) return false;
  return static_cast<double>(out) >
         max_ratio * static_cast<double>(compressed == 0 ? 1 : compressed);
}

}  // namespace

Error corrupt_xlsx(std::string detail) {
  Error e = Error::invalid(
      "XLSX 文件已损坏或不是有效的 XLSX 文件（设置了打开密码的文件请先取消密码）", "file");
  e.detail = std::move(detail);
  return e;
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::open(const std::string& path,
                                                     const Limits& limits) {
  struct stat sb {};
  if (::stat(path.c_str(), &sb) != 0) return open_error(path, errno);
  std::unique_ptr<ZipArchive> z(new ZipArchive());
  z->limits_ = limits;
  z->size_ = static_cast<std::uint64_t>(sb.st_size);
  z->uf_ = unzOpen64(path.c_str());
  if (!z->uf_) return corrupt_xlsx("unzOpen64 failed");
  return z;
}

ZipArchive::~ZipArchive() {
  if (uf_) unzClose(uf_);
}

bool ZipArchive::has(const std::string& name) {
  return unzLocateFile(uf_, name.c_str(), 2 /* case-insensitive */) == UNZ_OK;
}

Result<std::unique_ptr<ZipEntry>> ZipArchive::open_entry(const std::string& name) {
  if (!has(name)) return corrupt_xlsx("missing part " + name);
  unz_file_info64 fi{};
  if (unzGetCurrentFileInfo64(uf_, &fi, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
    return corrupt_xlsx("unzGetCurrentFileInfo64 " + name);
  }
  if (fi.uncompressed_size > limits_.xlsx_max_uncompressed ||
      over_ratio(fi.uncompressed_size, fi.compressed_size, limits_.xlsx_max_ratio)) {
    return bomb("declared " + std::to_string(fi.uncompressed_size) + " from " +
                std::to_string(fi.compressed_size) + " bytes: " + name);
  }
  if (fi.flag & 1) return corrupt_xlsx("encrypted entry " + name);
  std::unique_ptr<ZipEntry> e(new ZipEntry(uf_, name, limits_));
  e->declared_ = fi.uncompressed_size;
  e->compressed_ = fi.compressed_size;
  if (unzOpenCurrentFile(uf_) != UNZ_OK) return corrupt_xlsx("unzOpenCurrentFile " + name);
  e->open_ = true;
  return e;
}

ZipEntry::~ZipEntry() {
  if (open_) unzCloseCurrentFile(uf_);
}

Result<std::size_t> ZipEntry::read(char* buf, std::size_t n) {
  if (done_) return std::size_t{0};
  const int r = unzReadCurrentFile(uf_, buf, static_cast<unsigned>(n));
  if (r < 0) return corrupt_xlsx("unzReadCurrentFile " + std::to_string(r) + " " + name_);
  produced_ += static_cast<std::uint64_t>(r);
  // minizip stops at the declared size, but the declared size itself may be a lie in the
  // local header; count what actually came out.
  if (produced_ > limits_.xlsx_max_uncompressed ||
      over_ratio(produced_, compressed_, limits_.xlsx_max_ratio)) {
    return bomb("produced " + std::to_string(produced_) + " from " + std::to_string(compressed_) +
                " bytes: " + name_);
  }
  if (r == 0) {
    done_ = true;
    open_ = false;
    if (unzCloseCurrentFile(uf_) != UNZ_OK) return corrupt_xlsx("CRC error in " + name_);
  }
  return static_cast<std::size_t>(r);
}

}  // namespace kf::ingest::detail

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "demo/demo.h"

namespace kf::demo {
namespace {

constexpr std::size_t kFlushAt = 4u << 20;  // 4 MiB

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};

}  // namespace

void append_csv_record(const std::vector<std::string>& fields, std::string& out) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    const std::string& v = fields[i];
    if (v.find_first_of(",\"\r\n") == std::string::npos) {
      out += v;
      continue;
    }
    out.push_back('"');
    for (char c : v) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out += "\r\n";
}

Result<void> write_csv(const DemoEntry& entry, const std::string& path, std::uint64_t max_rows) {
  KF_ASSIGN(auto gen, RowGenerator::create(entry));
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "wb"));
  if (!file) return Error::internal("cannot create " + path + ": " + std::strerror(errno));
  std::setvbuf(file.get(), nullptr, _IONBF, 0);
  std::string buf;
  buf.reserve(kFlushAt + (64u << 10));
  auto flush = [&]() -> bool {
    if (buf.empty()) return true;
    const bool ok = std::fwrite(buf.data(), 1, buf.size(), file.get()) == buf.size();
    buf.clear();
    return ok;
  };
  append_csv_record(gen.header(), buf);
  std::vector<std::string> row;
  for (std::uint64_t n = 0; n < max_rows && gen.next(row); ++n) {
    append_csv_record(row, buf);
    if (buf.size() >= kFlushAt && !flush()) {
      return Error::internal("cannot write " + path + ": " + std::strerror(errno));
    }
  }
  if (!flush()) return Error::internal("cannot write " + path + ": " + std::strerror(errno));
  if (std::fclose(file.release()) != 0) {
    return Error::internal("cannot close " + path + ": " + std::strerror(errno));
  }
  return kf::ok();
}

}  // namespace kf::demo

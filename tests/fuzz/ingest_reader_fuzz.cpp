// libFuzzer target for the ingest readers: the input bytes become a file read with the format
// chosen at compile time (-DKF_FUZZ_FORMAT=csv|xlsx|json). Every record is read to the end or to
// the first error; sanitizers catch the rest. Build and run: tests/fuzz/build.sh.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "ingest/reader.h"

#ifndef KF_FUZZ_FORMAT
#define KF_FUZZ_FORMAT csv
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/dev/shm/kf_fuzz_" + std::to_string(::getpid());
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  kf::ingest::ReaderOptions opt;
  opt.format = kf::ingest::Format::KF_FUZZ_FORMAT;
  opt.limits.max_field_bytes = 1 << 16;  // keep runs fast; the limits themselves are tested
  opt.limits.max_columns = 256;
  opt.limits.xlsx_max_uncompressed = 16 << 20;
  auto r = kf::ingest::open_reader(path, opt);
  if (!r) return 0;
  kf::ingest::Record row;
  for (int i = 0; i < 100000; ++i) {
    auto got = (*r)->next(row);
    if (!got || !*got) break;
  }
  (void)(*r)->bytes_read();
  return 0;
}

// Micro-benchmark of the ingest readers and the validator (no database): how fast a CSV of
// company registrations is read, and read + validated.
//
//   ingest_read --generate FILE [ROWS]   writes a CSV of ROWS (default 1,000,000) rows of about
//                                        230 bytes, deterministic
//   ingest_read FILE [--validate]        reads it and prints rows, seconds, MB/s
//
// Not built by CMake; against a release build of kf_ingest and kf_core:
//   cmake --preset release && ninja -C build/release kf_ingest kf_core
//   g++ -std=c++20 -O2 -Isrc bench/ingest_read.cpp -o build/release/ingest_read \
//     build/release/src/ingest/libkf_ingest.a build/release/src/core/libkf_core.a -luchardet \
//     -lminizip -lre2 -lexpat -lboost_json -lspdlog -lfmt -lsodium -lcrypto -ltomlplusplus -pthread
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "core/id_number.h"
#include "ingest/reader.h"
#include "ingest/uscc.h"
#include "ingest/validator.h"

using namespace kf;

namespace {

const char* kHeader =
    "统一社会信用代码,企业名称,法定代表人,成立日期,注册资本,所属区县,地址,经营状态,联系电话,"
    "身份证号\n";

int generate(const std::string& path, long rows) {
  std::ofstream out(path, std::ios::binary);
  out << kHeader;
  static const char* kDistricts[] = {"鼓楼区", "台江区", "仓山区", "晋安区", "马尾区", "长乐区"};
  static const char* kStatus[] = {"存续", "在业", "注销", "吊销"};
  const char* alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  std::uint64_t x = 88172645463325252ull;
  auto rnd = [&] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  char buf[512];
  for (long i = 0; i < rows; ++i) {
    std::string code = "913501";
    for (int k = 0; k < 11; ++k) code += alphabet[rnd() % 31];
    code += ingest::uscc_check_char(code);
    char id17[18];
    std::snprintf(id17, sizeof id17, "350102%04d%02d%02d%03d", 1950 + int(rnd() % 50),
                  1 + int(rnd() % 12), 1 + int(rnd() % 28), int(rnd() % 1000));
    std::string id = std::string(id17) + core::id_number_check_char(id17);
    const int n = std::snprintf(
        buf, sizeof buf,
        "%s,福州市第%ld号智慧科技有限公司,张%c%c,%04d-%02d-%02d,%lu.%02lu,%s,"
        "\"福建省福州市%s工业路%lu号，创新园%lu栋\",%s,1%010lu,%s\n",
        code.c_str(), i, 'A' + int(rnd() % 26), 'a' + int(rnd() % 26), 1990 + int(rnd() % 34),
        1 + int(rnd() % 12), 1 + int(rnd() % 28), rnd() % 100000, rnd() % 100,
        kDistricts[rnd() % 6], kDistricts[rnd() % 6], rnd() % 1000, rnd() % 50, kStatus[rnd() % 4],
        rnd() % 10000000000ul, id.c_str());
    out.write(buf, n);
  }
  return 0;
}

std::vector<core::Field> dictionary() {
  using core::FieldType;
  auto f = [](const char* name, FieldType t, bool nullable) {
    core::Field x;
    x.name = name;
    x.type = t;
    x.nullable = nullable;
    return x;
  };
  std::vector<core::Field> d = {f("统一社会信用代码", FieldType::text, false),
                                f("企业名称", FieldType::text, false),
                                f("法定代表人", FieldType::text, true),
                                f("成立日期", FieldType::date, true),
                                f("注册资本", FieldType::decimal, true),
                                f("所属区县", FieldType::text, true),
                                f("地址", FieldType::text, true),
                                f("经营状态", FieldType::text, true),
                                f("联系电话", FieldType::text, true),
                                f("身份证号", FieldType::text, true)};
  d[0].key = true;
  d[0].check = core::FieldCheck::uscc;
  d[1].length = 100;
  d[4].min = "0";
  d[7].allowed_values = {"存续", "在业", "注销", "吊销"};
  d[8].pattern = "1[0-9]{10}";
  d[9].check = core::FieldCheck::id_number;
  d[9].security_grade = "L3";
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "--generate") == 0) {
    return generate(argv[2], argc >= 4 ? std::atol(argv[3]) : 1000000);
  }
  if (argc < 2) {
    std::fprintf(stderr, "usage: ingest_read FILE [--validate] | --generate FILE [ROWS]\n");
    return 2;
  }
  const bool validate = argc >= 3 && std::strcmp(argv[2], "--validate") == 0;
  const auto t0 = std::chrono::steady_clock::now();
  auto reader = ingest::open_reader(argv[1], {ingest::Format::csv});
  if (!reader) {
    std::fprintf(stderr, "%s\n", reader.error().message.c_str());
    return 1;
  }
  auto& r = **reader;
  std::optional<ingest::RowValidator> v;
  if (validate) {
    auto created = ingest::RowValidator::create(dictionary(), r.header());
    if (!created) {
      std::fprintf(stderr, "%s\n", created.error().message.c_str());
      return 1;
    }
    v.emplace(std::move(created).value());
  }
  ingest::Record row;
  long rows = 0, bad = 0;
  for (;;) {
    auto got = r.next(row);
    if (!got) {
      std::fprintf(stderr, "%s\n", got.error().message.c_str());
      return 1;
    }
    if (!*got) break;
    ++rows;
    if (v && !v->check_and_normalize(row).empty()) ++bad;
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%s rows=%ld rejected=%ld seconds=%.3f MB/s=%.1f encoding=%s\n",
              validate ? "read+validate" : "read", rows, bad, s,
              static_cast<double>(r.total_bytes()) / 1e6 / s, r.info().encoding.c_str());
  return 0;
}

// Writes the input of bench/mask.sh: a CSV of people with personal data, through the demo city's
// deterministic generator (src/demo, same seed → same bytes on every machine).
//
//   mask_gen FILE [ROWS]     ROWS defaults to 1,000,000 (about 80 MB)
//
// Columns: 序号 (1, 2, …), 姓名 (surname by Shandong frequency), 身份证号 (GB 11643: a real
// 潍坊 district code, a real birth date 1945–2007, valid MOD 11-2 check character, unique),
// 手机号 (11 digits, real 1[3-9]x operator prefix), 金额 (decimal, not personal data).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "demo/demo.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: mask_gen FILE [ROWS]\n");
    return 2;
  }
  const std::uint64_t rows = argc == 3 ? std::strtoull(argv[2], nullptr, 10) : 1000000;
  kf::demo::DemoEntry entry;
  entry.code = "BENCH-MASK";
  entry.generator.rows = rows;
  entry.generator.seed = 20261122;
  const std::pair<const char*, const char*> columns[] = {
      {"序号", "seq:{}"},
      {"姓名", "name"},
      {"身份证号", "id_number"},
      {"手机号", "mobile"},
      {"金额", "dec:10.00..50000.00;skew=2"},
  };
  for (const auto& [name, spec] : columns) {
    kf::core::Field f;
    f.name = name;
    f.nullable = false;
    entry.fields.push_back(f);
    entry.generator.fields.push_back({name, spec});
  }
  if (auto r = kf::demo::write_csv(entry, argv[1]); !r) {
    std::fprintf(stderr, "mask_gen: %s\n", r.error().message.c_str());
    return 1;
  }
  return 0;
}

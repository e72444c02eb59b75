// Catalog search over 10,000 entries (CAT-6): the in-memory index (tokens, facets, sort, page)
// next to a reference measured in the same run: SQLite scanning the same documents with LIKE,
// which is what a portal without a Chinese-aware index does.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <memory>
#include <random>
#include <string>

#include "catalog/search.h"

namespace {

using kf::catalog::Entry;

const char* kDomains[] = {"交通", "教育", "医疗卫生", "市场监管", "生态环境", "气象", "文化旅游", "社会保障", "城市建设", "农业农村"};
const char* kSubjects[] = {"企业", "医院", "学校", "公交", "道路", "河流", "景区", "养老机构", "菜市场", "停车场", "空气质量", "降水"};
const char* kKinds[] = {"基本信息", "名录", "统计数据", "许可信息", "监测数据", "运行情况", "分布", "年度报告"};
const char* kProviders[] = {"潍坊市交通运输局", "潍坊市教育局", "潍坊市卫生健康委员会", "潍坊市市场监督管理局", "潍坊市生态环境局",
                            "潍坊市气象局", "潍坊市文化和旅游局", "潍坊市人力资源和社会保障局", "潍坊市住房和城乡建设局", "潍坊市农业农村局"};

std::vector<Entry> make_entries(int n) {
  std::mt19937 rng(7);  // the benchmark's data only needs to be the same within one build
  std::vector<Entry> out;
  for (int i = 0; i < n; ++i) {
    Entry e;
    e.id = i + 1;
    e.provider_id = 1 + i % 10;
    e.provider_name = kProviders[i % 10];
    e.state = "published";
    e.updated_at = 1700000000000LL + i * 1000LL;
    e.downloads = static_cast<std::int64_t>(rng() % 5000);
    auto& m = e.meta;
    m.code = "BENCH-" + std::to_string(i);
    m.domain = kDomains[i % 10];
    const char* subject = kSubjects[rng() % 12];
    m.name = std::string("潍坊市") + subject + kKinds[rng() % 8] + std::to_string(i);
    m.summary = std::string("本数据集提供全市") + subject + "的" + kKinds[rng() % 8] + "，由" + e.provider_name + "按月更新。";
    m.keywords = {subject, m.domain};
    m.formats = {"csv", i % 3 ? "xlsx" : "json"};
    m.open_attribute = i % 5 ? "unconditional" : "conditional";
    m.update_frequency = i % 2 ? "monthly" : "yearly";
    m.region_code = "370700";
    for (int f = 0; f < 8; ++f) {
      kf::core::Field fld;
      fld.name = "f" + std::to_string(f);
      fld.label = std::string(kSubjects[(i + f) % 12]) + "名称";
      m.fields.push_back(fld);
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::shared_ptr<const kf::catalog::SearchIndex> index_10k() {
  static auto idx = std::make_shared<const kf::catalog::SearchIndex>(make_entries(10000));
  return idx;
}

void BM_IndexBuild10k(benchmark::State& state) {
  auto entries = make_entries(10000);
  for (auto _ : state) {
    kf::catalog::SearchIndex idx(entries);
    benchmark::DoNotOptimize(idx.size());
  }
}
BENCHMARK(BM_IndexBuild10k)->Unit(benchmark::kMillisecond);

void BM_Search10k(benchmark::State& state, const char* q, const char* domain) {
  auto idx = index_10k();
  kf::catalog::SearchQuery query;
  query.q = q;
  query.domain = domain;
  int total = 0;
  for (auto _ : state) {
    auto r = idx->search(query, idx);
    total = r.total;
    benchmark::DoNotOptimize(r.items.data());
  }
  state.counters["matches"] = total;
}
BENCHMARK_CAPTURE(BM_Search10k, qiye, "企业", "")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search10k, yiyuan_facet, "医院", "医疗卫生")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search10k, two_words, "交通 公交", "")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search10k, browse_all, "", "")->Unit(benchmark::kMicrosecond);

// Reference: the same documents in SQLite, matched with LIKE (no facets, no ranking).
void BM_SqliteLikeReference10k(benchmark::State& state) {
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  sqlite3_exec(db, "CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT)", nullptr, nullptr, nullptr);
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO docs (body) VALUES (?)", -1, &ins, nullptr);
  for (const auto& e : make_entries(10000)) {
    std::string body = e.meta.name + " " + e.meta.summary + " " + e.provider_name + " " + e.meta.domain;
    for (const auto& f : e.meta.fields) body += " " + f.label;
    sqlite3_bind_text(ins, 1, body.c_str(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM docs WHERE body LIKE '%企业%'", -1, &q, nullptr);
  for (auto _ : state) {
    sqlite3_step(q);
    benchmark::DoNotOptimize(sqlite3_column_int(q, 0));
    sqlite3_reset(q);
  }
  sqlite3_finalize(q);
  sqlite3_close(db);
}
BENCHMARK(BM_SqliteLikeReference10k)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

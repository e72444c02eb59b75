// Named *_test.cpp so that it is built into the test binary only (see kf_module).
#include "query/test_dataset.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <random>

namespace kf::query::testing {

namespace fs = std::filesystem;

std::vector<core::Field> dataset_fields() {
  auto field = [](std::string name, core::FieldType t) {
    core::Field f;
    f.name = std::move(name);
    f.type = t;
    return f;
  };
  using T = core::FieldType;
  return {field("编号", T::integer),   field("线路", T::text),      field("站点名称", T::text),
          field("票价", T::decimal),   field("开通 日期", T::date), field("更新时间", T::datetime),
          field("有空调", T::boolean), field("日客流", T::integer), field("备注", T::text)};
}

namespace {

db::Value n() { return db::null(); }
db::Value i(std::int64_t v) { return v; }
db::Value d(double v) { return v; }
db::Value s(const char* v) { return std::string(v); }

std::vector<std::vector<db::Value>> dataset_rows() {
  return {
      {i(1), s("K1"), s("人民广场"), d(2.0), s("2019-03-15"), s("2024-01-05T08:00:00"), i(1),
       i(1200), s("Night Bus")},
      {i(2), s("K1"), s("火车站"), d(2.0), s("2019-03-15"), s("2024-01-05T08:30:00"), i(1), i(3400),
       n()},
      {i(3), s("K1"), s("体育馆"), d(2.5), s("2020-07-01"), s("2024-02-10T09:00:00"), i(0), n(),
       s("night line")},
      {i(4), s("K2"), s("大学城"), d(3.0), s("2020-07-01"), s("2024-02-11T10:00:00"), i(1), i(800),
       s("学生专线")},
      {i(5), s("K2"), s("科技园"), d(3.0), s("2021-01-20"), s("2024-03-01T07:45:00"), i(1), i(950),
       n()},
      {i(6), s("K2"), s("O'Hare"), d(3.5), s("2021-01-20"), s("2024-03-02T12:00:00"), i(0), i(400),
       s("it's 100% fun")},
      {i(7), s("K3"), s("老城区"), d(1.5), s("2018-11-11"), s("2023-12-31T23:59:59"), i(0), i(600),
       s("老线路")},
      {i(8), s("K3"), s("新城区"), d(1.5), s("2018-11-11"), n(), i(0), n(), n()},
      {i(9), s("K3"), s("市政府"), d(1.0), n(), s("2024-01-15T14:00:00"), i(1), i(2100),
       s("政府 专线")},
      {i(10), s("K4"), s("机场"), d(10.0), s("2022-05-05"), s("2024-04-01T06:00:00"), i(1), i(5000),
       s("AIRPORT express")},
      {i(11), s("K4"), s("会展中心"), d(8.0), s("2022-05-05"), s("2024-04-01T06:30:00"), i(1),
       i(1500), s("a_b")},
      {i(12), s("K4"), s("西湖"), d(6.5), s("2022-06-18"), s("2024-04-02T11:00:00"), n(), i(2600),
       s("ab")},
      {i(13), s("K5"), s("东站"), n(), s("2023-09-09"), s("2024-05-20T16:20:00"), i(1), i(700),
       n()},
      {i(14), s("K5"), s("南站"), d(4.0), s("2023-09-09"), s("2024-05-21T17:00:00"), i(0), i(720),
       s("south")},
      {i(15), s("K5"), s("北站"), d(4.0), s("2023-10-01"), s("2024-06-01T18:00:00"), i(1), i(0),
       s("SOUTH?")},
      {i(16), s("夜1"), s("夜市"), d(5.0), s("2024-02-29"), s("2024-06-15T22:00:00"), i(0), i(300),
       s("Night Bus")},
      {i(17), s("夜1"), s("酒吧街"), d(5.0), s("2024-02-29"), s("2024-06-15T23:30:00"), i(0), n(),
       s("night")},
      {i(18), s("夜2"), s("码头"), d(7.5), s("2016-08-08"), s("2024-07-01T05:00:00"), i(1), i(450),
       s("[码头]")},
      {i(19), s("夜2"), s("渔港"), d(7.5), s("2016-08-08"), s("2024-07-01T05:30:00"), i(1), i(90),
       s("*star*")},
      {i(20), s("支线"), s("村口"), d(0.5), s("2015-01-01"), s("2024-08-08T08:08:08"), i(0), i(15),
       s("最后 一站")},
  };
}

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(rd() % 1000000);
}

}  // namespace

std::unique_ptr<TestDatabase> TestDatabase::open(db::Dialect dialect, std::string* why_not) {
  std::unique_ptr<TestDatabase> t(new TestDatabase());
  std::string url;
  if (dialect == db::Dialect::sqlite) {
    t->dir_ = fs::temp_directory_path() / ("kf_query_test_" + unique_suffix());
    url = "sqlite:" + (t->dir_ / "rows.db").string();
  } else {
    const char* base = std::getenv("KF_TEST_PG_URL");
    if (base == nullptr || *base == '\0') {
      *why_not = "KF_TEST_PG_URL is not set; PostgreSQL cases skipped (`make test` sets it)";
      return nullptr;
    }
    t->base_url_ = base;
    t->schema_ = "kf_query_" + unique_suffix();
    auto admin = db::connect(t->base_url_);
    if (!admin) {
      *why_not = "cannot connect: " + admin.error().detail;
      return nullptr;
    }
    if (auto r = (*admin)->exec_script("CREATE SCHEMA " + t->schema_); !r) {
      *why_not = "cannot create schema: " + r.error().detail;
      return nullptr;
    }
    url = t->base_url_ + (t->base_url_.find('?') == std::string::npos ? "?" : "&") +
          "options=-c%20search_path%3D" + t->schema_;
  }
  auto conn = db::connect(url);
  if (!conn) {
    *why_not = "cannot connect: " + conn.error().detail;
    return nullptr;
  }
  t->conn_ = std::move(conn).value();
  std::vector<db::BulkColumn> cols;
  const auto fields = dataset_fields();
  for (std::size_t k = 0; k < fields.size(); ++k) {
    auto type =
        fields[k].type == core::FieldType::integer || fields[k].type == core::FieldType::boolean
            ? db::BulkColumn::Type::integer
        : fields[k].type == core::FieldType::decimal ? db::BulkColumn::Type::real
                                                     : db::BulkColumn::Type::text;
    cols.push_back({"c" + std::to_string(k), type});
  }
  auto writer = t->conn_->bulk_create(t->table_, cols);
  if (!writer) {
    *why_not = "bulk_create: " + writer.error().detail;
    return nullptr;
  }
  for (const auto& row : dataset_rows()) {
    if (auto r = (*writer)->append(row); !r) {
      *why_not = "append: " + r.error().detail;
      return nullptr;
    }
  }
  if (auto r = (*writer)->finish(); !r) {
    *why_not = "finish: " + r.error().detail;
    return nullptr;
  }
  return t;
}

TestDatabase::~TestDatabase() {
  conn_.reset();
  if (!schema_.empty()) {
    if (auto admin = db::connect(base_url_))
      (void)(*admin)->exec_script("DROP SCHEMA " + schema_ + " CASCADE");
  }
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

std::string TestDatabase::checksum() {
  auto rs = conn_->query("SELECT * FROM " + table_ + " ORDER BY c0");
  if (!rs) return "error: " + rs.error().detail;
  std::string all;
  for (const auto& r : rs->rows) {
    for (std::size_t k = 0; k < r.size(); ++k) all += (r.is_null(k) ? "\\N" : r.text(k)) + "\x1f";
    all += "\n";
  }
  return std::to_string(rs->rows.size()) + ":" + std::to_string(std::hash<std::string>{}(all));
}

}  // namespace kf::query::testing

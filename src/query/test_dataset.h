// The fixed dataset of the query tests: 20 bus stops with Chinese column names, every
// dictionary type and some NULLs, loaded with bulk_create into table "rows" on SQLite (a
// temporary file) or PostgreSQL (a schema of its own, dropped at the end).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/dictionary.h"
#include "db/database.h"

namespace kf::query::testing {

std::vector<core::Field> dataset_fields();

class TestDatabase {
 public:
  // nullptr when the dialect is not available (PostgreSQL without KF_TEST_PG_URL).
  static std::unique_ptr<TestDatabase> open(db::Dialect dialect, std::string* why_not);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  db::Connection& conn() { return *conn_; }
  const std::string& table() const { return table_; }
  // Row count and a digest of every value, to prove that nothing changed.
  std::string checksum();

 private:
  TestDatabase() = default;
  std::unique_ptr<db::Connection> conn_;
  std::string table_ = "rows";
  std::filesystem::path dir_;
  std::string base_url_, schema_;
};

}  // namespace kf::query::testing

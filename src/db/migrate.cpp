// The migration registry and migrate() / schema_version().
#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>

#include "db/database.h"

namespace kf::db {
namespace {

// Any fixed number works; it only has to be the same in every Kaifang process.
constexpr std::int64_t kMigrationLockKey = 0x4b6169666e67;  // "Kaifng"

struct Registry {
  std::mutex mutex;
  std::vector<Migration> migrations;
};

// Function-local static: modules may register from their own static initialisers.
Registry& registry() {
  static Registry r;
  return r;
}

Result<void> validate(const std::vector<const Migration*>& sorted) {
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i]->version <= 0) {
      return Error::internal("migration version must be positive: " + sorted[i]->name);
    }
    if (i > 0 && sorted[i]->version == sorted[i - 1]->version) {
      return Error::internal("duplicate migration version " + std::to_string(sorted[i]->version) +
                             ": " + sorted[i - 1]->name + ", " + sorted[i]->name);
    }
  }
  return ok();
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<bool> migrations_table_exists(Connection& conn) {
  const char* sql =
      conn.dialect() == Dialect::sqlite
          ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
          : "SELECT 1 FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_name = 'schema_migrations'";
  KF_ASSIGN(ResultSet rs, conn.query(sql));
  return !rs.rows.empty();
}

// Applies one migration in its own transaction. The version is checked again inside the
// transaction: on SQLite, BEGIN IMMEDIATE serialises writers, so a second process that
// raced us sees the row and skips instead of failing on CREATE TABLE.
Result<bool> apply(Connection& conn, const Migration& m) {
  bool applied = false;
  KF_TRY(transaction(conn, [&]() -> Result<void> {
    KF_ASSIGN(ResultSet seen, conn.query("SELECT 1 FROM schema_migrations WHERE version = ?",
                                         {std::int64_t{m.version}}));
    if (!seen.rows.empty()) return ok();
    if (Result<void> r = conn.exec_script(expand_type_markers(m.sql, conn.dialect())); !r) {
      Error e = std::move(r).error();
      e.detail = "migration " + std::to_string(m.version) + " (" + m.name + "): " + e.detail;
      return e;
    }
    KF_TRY(conn.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                      {std::int64_t{m.version}, m.name, now_ms()}));
    applied = true;
    return ok();
  }));
  return applied;
}

Result<int> migrate_locked(Connection& conn, const std::vector<const Migration*>& sorted) {
  KF_TRY(conn.exec_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
  KF_ASSIGN(ResultSet rs, conn.query("SELECT version FROM schema_migrations"));
  std::set<std::int64_t> done;
  for (const Row& row : rs.rows) done.insert(row.int64(0));
  int count = 0;
  for (const Migration* m : sorted) {
    if (done.contains(m->version)) continue;
    KF_ASSIGN(bool applied, apply(conn, *m));
    count += applied ? 1 : 0;
  }
  return count;
}

}  // namespace

void register_migrations(std::vector<Migration> migrations) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  for (Migration& m : migrations) r.migrations.push_back(std::move(m));
  std::stable_sort(r.migrations.begin(), r.migrations.end(),
                   [](const Migration& a, const Migration& b) { return a.version < b.version; });
}

const std::vector<Migration>& registered_migrations() { return registry().migrations; }

Result<int> migrate(Connection& conn) {
  std::vector<Migration> copy;
  {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    copy = r.migrations;
  }
  return migrate(conn, copy);
}

Result<int> migrate(Connection& conn, std::span<const Migration> migrations) {
  std::vector<const Migration*> sorted;
  for (const Migration& m : migrations) sorted.push_back(&m);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Migration* a, const Migration* b) { return a->version < b->version; });
  KF_TRY(validate(sorted));
  if (conn.dialect() != Dialect::postgres) return migrate_locked(conn, sorted);

  // Session-level advisory lock: held across the per-migration transactions, released
  // whatever happens (a dropped connection releases it too).
  KF_TRY(conn.query("SELECT pg_advisory_lock(?)", {kMigrationLockKey}));
  Result<int> result = migrate_locked(conn, sorted);
  Result<ResultSet> unlocked = conn.query("SELECT pg_advisory_unlock(?)", {kMigrationLockKey});
  if (result && !unlocked) return std::move(unlocked).error();
  return result;
}

Result<int> schema_version(Connection& conn) {
  KF_ASSIGN(bool exists, migrations_table_exists(conn));
  if (!exists) return 0;
  KF_ASSIGN(ResultSet rs, conn.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  return static_cast<int>(rs.rows.at(0).int64(0));
}

Result<std::vector<int>> missing_migrations(Connection& conn) {
  std::vector<int> out;
  KF_ASSIGN(bool exists, migrations_table_exists(conn));
  std::vector<std::int64_t> have;
  if (exists) {
    KF_ASSIGN(ResultSet rs, conn.query("SELECT version FROM schema_migrations"));
    for (const auto& r : rs.rows) have.push_back(r.int64(0));
  }
  for (const auto& m : registered_migrations()) {
    if (std::find(have.begin(), have.end(), m.version) == have.end()) out.push_back(m.version);
  }
  return out;
}

}  // namespace kf::db

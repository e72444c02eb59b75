#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>

#include "catalog/versions.h"
#include "core/crypto.h"

namespace kf::catalog {

namespace fs = std::filesystem;

std::string physical_column(std::size_t i) { return "c" + std::to_string(i); }

std::string physical_columns(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += (i ? ", " : "") + physical_column(i);
  return out;
}

db::BulkColumn::Type storage_type(core::FieldType t) {
  switch (t) {
    case core::FieldType::integer:
    case core::FieldType::boolean: return db::BulkColumn::Type::integer;
    case core::FieldType::decimal: return db::BulkColumn::Type::real;
    default: return db::BulkColumn::Type::text;
  }
}

std::string value_text(const db::Value& v, core::FieldType t) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    if (t == core::FieldType::boolean) return *i ? "true" : "false";
    return std::to_string(*i);
  }
  if (const auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
  return {};
}

namespace {

// Lower-case letters and digits only: safe as a file or table name.
std::string random_name() {
  std::string t = core::random_token(12);
  for (auto& c : t) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!std::isalnum(static_cast<unsigned char>(c))) c = 'x';
  }
  return t;
}

// Column names made by physical_column(): safe to join into DDL.
std::string join(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + c;
  return out;
}

bool fsync_path(const fs::path& p, bool directory) {
  int fd = ::open(p.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// --- SQLite: one file per version -----------------------------------------------------------

class SqliteStore final : public VersionStore {
 public:
  SqliteStore(db::Pool& pool, std::string dir) : pool_(pool), dir_(std::move(dir)) {}

  class FileWriter final : public Writer {
   public:
    FileWriter(SqliteStore& store, fs::path tmp, std::unique_ptr<db::Connection> conn,
               std::unique_ptr<db::BulkWriter> bulk)
        : store_(store), tmp_(std::move(tmp)), conn_(std::move(conn)), bulk_(std::move(bulk)) {}
    ~FileWriter() override {
      bulk_.reset();
      conn_.reset();
      std::error_code ec;
      if (!tmp_.empty()) fs::remove(tmp_, ec);
    }
    Result<void> append(std::span<const db::Value> row) override { return bulk_->append(row); }

    Result<std::int64_t> commit(const std::function<Result<std::int64_t>(db::Connection&, const std::string&)>&
                                    register_fn,
                                const std::vector<std::string>& index_columns) override {
      KF_TRY(bulk_->finish());
      bulk_.reset();
      if (!index_columns.empty()) KF_TRY(conn_->exec_script("CREATE INDEX rows_key ON rows (" + join(index_columns) + ")"));
      conn_.reset();  // closes the file
      if (!fsync_path(tmp_, false)) return Error::internal("fsync failed: " + tmp_.string());
      std::string name = "ds-" + random_name() + ".sqlite";
      fs::path final_path = fs::path(store_.dir_) / name;
      std::error_code ec;
      fs::rename(tmp_, final_path, ec);
      if (ec) return Error::internal("rename failed: " + ec.message());
      tmp_.clear();
      fsync_path(store_.dir_, true);
      // The file is complete and in place; only now does a row refer to it. A crash before
      // the commit below leaves an unreferenced file that sweep() removes.
      auto conn = store_.pool_.acquire();
      Result<std::int64_t> id = Error::internal("not registered");
      if (conn) {
        Result<void> tx = db::transaction(**conn, [&]() -> Result<void> {
          id = register_fn(**conn, name);
          if (!id) return id.error();
          return kf::ok();
        });
        if (!tx) id = tx.error();
      } else {
        id = conn.error();
      }
      if (!id) fs::remove(final_path, ec);
      return id;
    }

   private:
    SqliteStore& store_;
    fs::path tmp_;
    std::unique_ptr<db::Connection> conn_;
    std::unique_ptr<db::BulkWriter> bulk_;
  };

  Result<std::unique_ptr<Writer>> begin(const std::vector<db::BulkColumn>& columns) override {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    fs::path tmp = fs::path(dir_) / ("tmp-" + random_name() + ".sqlite");
    KF_ASSIGN(auto conn, db::connect("sqlite:" + tmp.string()));
    // A version file is private until it is renamed into place and fsynced: no journal needed.
    KF_TRY(conn->exec_script("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"));
    KF_ASSIGN(auto bulk, conn->bulk_create("rows", columns));
    return std::unique_ptr<Writer>(
        std::make_unique<FileWriter>(*this, tmp, std::move(conn), std::move(bulk)));
  }

  // A read connection to a version file, handed back to the store's cache when done.
  class FileTable final : public Table {
   public:
    FileTable(SqliteStore& store, std::string storage, std::unique_ptr<db::Connection> c)
        : store_(store), storage_(std::move(storage)), conn_(std::move(c)) {}
    ~FileTable() override { store_.give_back(storage_, std::move(conn_)); }
    db::Connection& connection() override { return *conn_; }
    const std::string& name() const override { return name_; }

   private:
    SqliteStore& store_;
    std::string storage_;
    std::unique_ptr<db::Connection> conn_;
    std::string name_ = "rows";
  };

  Result<std::unique_ptr<Table>> open(const std::string& storage) override {
    KF_ASSIGN(auto conn, take(storage));
    return std::unique_ptr<Table>(std::make_unique<FileTable>(*this, storage, std::move(conn)));
  }

  Result<void> read(const std::string& storage,
                    const std::function<Result<void>(db::Connection&, const std::string&)>& fn) override {
    KF_ASSIGN(auto table, open(storage));
    return fn(table->connection(), "rows");
  }

  // Versions are immutable, so read connections to their files are kept open for reuse:
  // opening a file and reading its schema cost more than a small indexed query.
  Result<std::unique_ptr<db::Connection>> take(const std::string& storage) {
    {
      std::lock_guard lock(cache_mu_);
      auto it = idle_.find(storage);
      if (it != idle_.end() && !it->second.empty()) {
        auto conn = std::move(it->second.back());
        it->second.pop_back();
        if (it->second.empty()) idle_.erase(it);
        --idle_count_;
        return conn;
      }
    }
    fs::path p = fs::path(dir_) / storage;
    std::error_code ec;
    if (storage.find('/') != std::string::npos || !fs::is_regular_file(p, ec)) {
      return Error::internal("dataset file missing: " + p.string());
    }
    return db::connect("sqlite:" + p.string());
  }

  void give_back(const std::string& storage, std::unique_ptr<db::Connection> conn) {
    if (!conn || !conn->idle()) return;
    std::lock_guard lock(cache_mu_);
    auto& list = idle_[storage];
    if (list.size() >= kIdlePerFile || idle_count_ >= kIdleTotal) {
      if (list.empty()) idle_.erase(storage);
      return;  // closed here, outside nobody's use
    }
    list.push_back(std::move(conn));
    ++idle_count_;
  }

  Result<int> sweep(std::int64_t min_age_ms) override {
    std::error_code ec;
    const auto cutoff = fs::file_time_type::clock::now() - std::chrono::milliseconds(min_age_ms);
    if (!fs::exists(dir_, ec)) return 0;
    KF_ASSIGN(auto c, pool_.acquire());
    KF_ASSIGN(auto rs, c->query("SELECT storage FROM dataset_versions UNION "
                                "SELECT masked_storage FROM dataset_versions WHERE masked_storage IS NOT NULL"));
    std::set<std::string> known;
    for (const auto& r : rs.rows) known.insert(r.text(0));
    int removed = 0;
    for (const auto& f : fs::directory_iterator(dir_, ec)) {
      std::string name = f.path().filename().string();
      bool ours = name.starts_with("tmp-") || name.starts_with("ds-");
      if (ours && min_age_ms > 0) {
        auto written = fs::last_write_time(f.path(), ec);
        if (ec || written > cutoff) continue;  // may be a version being written by another process
      }
      if (ours && !known.count(name)) {
        {
          std::lock_guard lock(cache_mu_);
          if (auto it = idle_.find(name); it != idle_.end()) {
            idle_count_ -= it->second.size();
            idle_.erase(it);
          }
        }
        fs::remove(f.path(), ec);
        ++removed;
      }
    }
    return removed;
  }

 private:
  static constexpr std::size_t kIdlePerFile = 8;
  static constexpr std::size_t kIdleTotal = 32;
  db::Pool& pool_;
  std::string dir_;
  std::mutex cache_mu_;
  std::map<std::string, std::vector<std::unique_ptr<db::Connection>>> idle_;
  std::size_t idle_count_ = 0;
};

// --- PostgreSQL: one table per version, created and registered in one transaction ------------

class PgStore final : public VersionStore {
 public:
  explicit PgStore(db::Pool& pool) : pool_(pool) {}

  class TableWriter final : public Writer {
   public:
    TableWriter(db::PooledConnection conn, std::string table, std::unique_ptr<db::BulkWriter> bulk)
        : conn_(std::move(conn)), table_(std::move(table)), bulk_(std::move(bulk)) {}
    ~TableWriter() override {
      bulk_.reset();
      if (!committed_) (void)conn_->rollback();
    }
    Result<void> append(std::span<const db::Value> row) override { return bulk_->append(row); }
    Result<std::int64_t> commit(const std::function<Result<std::int64_t>(db::Connection&, const std::string&)>&
                                    register_fn,
                                const std::vector<std::string>& index_columns) override {
      KF_TRY(bulk_->finish());
      bulk_.reset();
      if (!index_columns.empty()) {
        KF_TRY(conn_->exec_script("CREATE INDEX ON " + table_ + " (" + join(index_columns) + ")"));
      }
      KF_ASSIGN(std::int64_t id, register_fn(*conn_, table_));
      KF_TRY(conn_->commit());
      committed_ = true;
      return id;
    }

   private:
    db::PooledConnection conn_;
    std::string table_;
    std::unique_ptr<db::BulkWriter> bulk_;
    bool committed_ = false;
  };

  Result<std::unique_ptr<Writer>> begin(const std::vector<db::BulkColumn>& columns) override {
    KF_ASSIGN(auto conn, pool_.acquire());
    KF_TRY(conn->exec_script("CREATE SCHEMA IF NOT EXISTS data"));
    KF_TRY(conn->begin());
    std::string table = "data.ds_" + random_name();
    auto bulk = conn->bulk_create(table, columns);
    if (!bulk) {
      (void)conn->rollback();
      return bulk.error();
    }
    return std::unique_ptr<Writer>(
        std::make_unique<TableWriter>(std::move(conn), table, std::move(*bulk)));
  }

  class PooledTable final : public Table {
   public:
    PooledTable(db::PooledConnection c, std::string name) : conn_(std::move(c)), name_(std::move(name)) {}
    db::Connection& connection() override { return *conn_; }
    const std::string& name() const override { return name_; }

   private:
    db::PooledConnection conn_;
    std::string name_;
  };

  Result<std::unique_ptr<Table>> open(const std::string& storage) override {
    if (!storage.starts_with("data.ds_")) return Error::internal("bad storage name");
    KF_ASSIGN(auto conn, pool_.acquire());
    return std::unique_ptr<Table>(std::make_unique<PooledTable>(std::move(conn), storage));
  }

  Result<void> read(const std::string& storage,
                    const std::function<Result<void>(db::Connection&, const std::string&)>& fn) override {
    if (!storage.starts_with("data.ds_")) return Error::internal("bad storage name");
    KF_ASSIGN(auto conn, pool_.acquire());
    return fn(*conn, storage);
  }

  // Everything happens in one transaction, so an interrupted ingest leaves nothing behind.
  Result<int> sweep(std::int64_t) override { return 0; }

 private:
  db::Pool& pool_;
};

}  // namespace

std::unique_ptr<VersionStore> make_version_store(db::Pool& pool, const std::string& dataset_dir) {
  if (pool.dialect() == db::Dialect::postgres) return std::make_unique<PgStore>(pool);
  return std::make_unique<SqliteStore>(pool, dataset_dir);
}

}  // namespace kf::catalog

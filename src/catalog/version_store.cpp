#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string_view>

#include <spdlog/spdlog.h>

#include "catalog/versions.h"
#include "core/clock.h"
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

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The file names of every version's rows and desensitized copy this database refers to.
Result<std::set<std::string>> known_storage(db::Connection& c) {
  KF_ASSIGN(auto rs, c.query("SELECT storage FROM dataset_versions UNION "
                             "SELECT masked_storage FROM dataset_versions WHERE masked_storage IS NOT NULL"));
  std::set<std::string> known;
  for (const auto& r : rs.rows) known.insert(r.text(0));
  return known;
}

bool is_version_file(const std::string& name) { return name.starts_with("ds-"); }
bool is_store_file(const std::string& name) { return name.starts_with("tmp-") || name.starts_with("ds-"); }

// The version file a name belongs to: SQLite keeps a journal, or a write-ahead log and its index,
// beside a database file while a connection has it open ("ds-x.sqlite-wal"). Such a companion is
// known when its database file is, and is moved aside with it when it is not.
std::string owning_file(const std::string& name) {
  for (std::string_view suffix : {"-journal", "-wal", "-shm"}) {
    if (name.ends_with(suffix)) return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

const char* const kWhatToDo =
    "请用 --storage 或配置项 [storage] dir 为本数据库指定单独的存储目录；若是 --db 写错了，请改用正确的数据库。";

class SqliteStore final : public VersionStore {
 public:
  SqliteStore(db::Pool& pool, std::string dir, std::string database)
      : pool_(pool), dir_(std::move(dir)), database_(std::move(database)) {}

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
      // the commit below leaves an unreferenced file that a later sweep() moves aside.
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
    KF_TRY(claim());
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
    return db::open_immutable_sqlite(p.string());
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

  Result<void> claim() override {
    std::lock_guard lock(claim_mu_);
    if (claimed_) return kf::ok();
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) return Error::unavailable("无法创建存储目录 " + dir_, ec.message());
    KF_ASSIGN(auto c, pool_.acquire());
    KF_ASSIGN(std::string me, deployment_id(*c, wall_ms()));
    // Twice at most: when another process writes the marker between our look and our write,
    // the second round reads what it wrote.
    for (int round = 0; round < 2; ++round) {
      KF_ASSIGN(auto marker, read_storage_marker(dir_));
      if (marker) {
        KF_TRY(check_owner(*marker, me));
        claimed_ = true;
        return kf::ok();
      }
      // No marker: a folder made before markers existed, or a new one. Take it only when it is
      // empty of versions or this database knows some of them.
      KF_ASSIGN(auto known, known_storage(*c));
      int files = 0, ours = 0;
      for (const auto& f : fs::directory_iterator(dir_, ec)) {
        std::string name = f.path().filename().string();
        if (!is_version_file(name) || owning_file(name) != name) continue;
        ++files;
        ours += known.count(name) ? 1 : 0;
      }
      if (ec) return Error::unavailable("无法读取存储目录 " + dir_, ec.message());
      if (files > 0 && ours == 0) {
        return Error::conflict(fmt::format(
            "存储目录 {} 中有 {} 个数据版本文件，本数据库（{}）一个也不认识，目录中也没有部署标记（{}）："
            "这些文件可能属于另一个数据库，为免误动已停止。{}",
            dir_, files, database_, kStorageMarker, kWhatToDo));
      }
      StorageMarker mine{me, database_, core::china_iso8601(wall_ms())};
      KF_ASSIGN(bool written, write_storage_marker(dir_, mine, false));
      if (written) {
        spdlog::info("storage folder {} now belongs to this deployment ({}): marker {} written ({} version files, {} "
                     "known to this database)",
                     dir_, me, kStorageMarker, files, ours);
        claimed_ = true;
        return kf::ok();
      }
    }
    return Error::internal("storage marker in " + dir_ + " appeared and vanished");
  }

  Result<OrphanMove> sweep(std::int64_t min_age_ms) override {
    std::error_code ec;
    const auto cutoff = fs::file_time_type::clock::now() - std::chrono::milliseconds(min_age_ms);
    if (!fs::exists(dir_, ec)) return OrphanMove{};
    KF_TRY(claim());
    KF_ASSIGN(auto c, pool_.acquire());
    KF_ASSIGN(auto known, known_storage(*c));
    std::vector<std::string> unknown;
    for (const auto& f : fs::directory_iterator(dir_, ec)) {
      std::string name = f.path().filename().string();
      if (!is_store_file(name) || known.count(owning_file(name)) || !f.is_regular_file(ec)) continue;
      if (min_age_ms > 0) {
        auto written = fs::last_write_time(f.path(), ec);
        if (ec || written > cutoff) continue;  // may be a version being written by another process
      }
      unknown.push_back(name);
    }
    {
      std::lock_guard lock(cache_mu_);
      for (const auto& name : unknown) {
        if (auto it = idle_.find(name); it != idle_.end()) {
          idle_count_ -= it->second.size();
          idle_.erase(it);
        }
      }
    }
    return move_orphans(dir_, unknown, wall_ms());
  }

 private:
  // A marker of this deployment is fine, and follows the database when it moved. A marker of
  // another deployment, or of a copy of this database that still exists (same deployment name,
  // another file), refuses: two databases sweeping one folder move each other's files aside.
  Result<void> check_owner(const StorageMarker& marker, const std::string& me) {
    if (marker.deployment != me) {
      return Error::conflict(fmt::format("存储目录 {} 属于另一个部署（数据库 {}），不能供本数据库（{}）使用："
                                         "两个数据库共用一个存储目录，会把对方的数据文件当作无用文件移走。{}",
                                         dir_, marker.database, database_, kWhatToDo));
    }
    if (marker.database == database_) return kf::ok();
    std::error_code ec;
    auto file_of = [](const std::string& label) -> std::string {
      return label.starts_with("sqlite:") ? label.substr(7) : std::string();
    };
    std::string theirs = file_of(marker.database), ours = file_of(database_);
    if (!theirs.empty() && !ours.empty() && fs::exists(theirs, ec) && !fs::equivalent(theirs, ours, ec)) {
      return Error::conflict(fmt::format(
          "存储目录 {} 由数据库 {} 使用，本数据库（{}）是它的副本。副本与原库不能共用存储目录，否则各自会把"
          "对方新写入的数据文件移走：请用 --storage 或配置项 [storage] dir 为副本指定单独的存储目录，"
          "并把所需的数据文件复制过去；若是 --db 写错了，请改用正确的数据库。",
          dir_, marker.database, database_));
    }
    StorageMarker moved = marker;
    moved.database = database_;
    KF_TRY(write_storage_marker(dir_, moved, true));
    spdlog::info("storage marker {} of {} now names database {} (was {})", kStorageMarker, dir_, database_,
                 marker.database);
    return kf::ok();
  }

  static constexpr std::size_t kIdlePerFile = 8;
  static constexpr std::size_t kIdleTotal = 32;
  db::Pool& pool_;
  std::string dir_;
  std::string database_;
  std::mutex claim_mu_;
  bool claimed_ = false;
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

  // Versions are tables of this database: there is no folder another deployment could share.
  Result<void> claim() override { return kf::ok(); }
  // Everything happens in one transaction, so an interrupted ingest leaves nothing behind.
  Result<OrphanMove> sweep(std::int64_t) override { return OrphanMove{}; }

 private:
  db::Pool& pool_;
};

}  // namespace

std::unique_ptr<VersionStore> make_version_store(db::Pool& pool, const std::string& dataset_dir,
                                                 const std::string& database) {
  if (pool.dialect() == db::Dialect::postgres) return std::make_unique<PgStore>(pool);
  return std::make_unique<SqliteStore>(pool, dataset_dir, database);
}

}  // namespace kf::catalog

// The storage folder of a SQLite deployment (issue 12 item 1): files no version refers to are
// moved aside into orphans/<date>/, never deleted; a folder marked by another deployment (or
// by a copy of this database) is refused and left untouched; an unmarked folder is taken over
// only when it is empty of versions or this database knows some of them (the upgrade of a
// deployment made before markers: migration 202 on a database with versions). The deployment
// identity also on PostgreSQL when KF_TEST_PG_URL is set.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "access/schema.h"
#include "catalog/schema.h"
#include "catalog/storage.h"
#include "catalog/versions.h"
#include "core/clock.h"

namespace kf::catalog {
namespace {

namespace fs = std::filesystem;

std::vector<db::Migration> all_migrations(int up_to = 1 << 30) {
  std::vector<db::Migration> out;
  for (auto& m : access::migrations()) out.push_back(m);
  for (auto& m : migrations()) {
    if (m.version <= up_to) out.push_back(m);
  }
  return out;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string today_folder() {
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  return core::china_iso8601(now.count()).substr(0, 10);
}

// One SQLite database with the access and catalog tables, an organisation and an entry.
struct Db {
  explicit Db(const fs::path& file, int up_to = 1 << 30) : url("sqlite:" + file.string()) {
    pool = std::make_unique<db::Pool>(url, 2);
    auto c = pool->acquire();
    EXPECT_TRUE(c);
    auto m = all_migrations(up_to);
    auto applied = db::migrate(**c, m);
    EXPECT_TRUE(applied) << applied.error().detail;
    auto org = (*c)->query("INSERT INTO orgs (name, kind, level, region_code, created_at) "
                           "VALUES ('潍坊市交通运输局', 'provider', 'city', '370700', 0) RETURNING id");
    EXPECT_TRUE(org);
    auto entry = (*c)->query("INSERT INTO catalog_entries (code, provider_id, state, revision, doc, created_at, "
                             "updated_at) VALUES ('BUS-1', ?, 'draft', 1, '{}', 0, 0) RETURNING id",
                             {org->rows.at(0).int64(0)});
    EXPECT_TRUE(entry);
    entry_id = entry->rows.at(0).int64(0);
  }

  // Registers `storage` as a version of the entry.
  Result<std::int64_t> add_version(db::Connection& c, const std::string& storage) {
    KF_ASSIGN(auto rs, c.query("INSERT INTO dataset_versions (entry_id, number, state, row_count, rejected_count, "
                               "columns, sha256, encoding, format, source_name, storage, report, created_at, "
                               "created_by) VALUES (?, ?, 'ready', 1, 0, '[]', '', 'utf-8', 'csv', 'bus.csv', ?, "
                               "'{}', 0, 'test') RETURNING id",
                               {entry_id, std::int64_t{++versions}, storage}));
    return rs.rows.at(0).int64(0);
  }

  std::string url;
  std::unique_ptr<db::Pool> pool;
  std::int64_t entry_id = 0;
  int versions = 0;
};

// Writes a real version of one text column through the store; returns its file name.
std::string write_version(VersionStore& store, Db& d, const std::string& value) {
  auto w = store.begin({{"c0", db::BulkColumn::Type::text}});
  EXPECT_TRUE(w) << w.error().message;
  if (!w) return {};
  std::vector<db::Value> row{value};
  EXPECT_TRUE((*w)->append(row));
  std::string name;
  auto id = (*w)->commit(
      [&](db::Connection& c, const std::string& storage) {
        name = storage;
        return d.add_version(c, storage);
      },
      {});
  EXPECT_TRUE(id) << id.error().detail;
  return name;
}

std::string first_value(VersionStore& store, const std::string& storage) {
  std::string out;
  auto r = store.read(storage, [&](db::Connection& c, const std::string& table) -> Result<void> {
    KF_ASSIGN(auto rs, c.query("SELECT c0 FROM " + table));
    if (!rs.rows.empty()) out = rs.rows[0].text(0);
    return kf::ok();
  });
  EXPECT_TRUE(r) << r.error().detail;
  return out;
}

class StorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> n{0};
    dir_ = fs::temp_directory_path() / ("kf-storage-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::create_directories(dir_);
    datasets_ = dir_ / "datasets";
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::unique_ptr<VersionStore> store_for(Db& d) {
    return make_version_store(*d.pool, datasets_.string(), database_label(d.url));
  }
  fs::path dir_, datasets_;
};

TEST_F(StorageTest, SweepMovesUnknownFilesAsideAndKeepsTheVersions) {
  Db a(dir_ / "kaifang.db");
  auto store = store_for(a);
  std::string kept = write_version(*store, a, "K1 路");
  ASSERT_FALSE(kept.empty());
  // Leftovers: a finished file whose registration died, a half-written one, and a file that is
  // not the store's at all.
  std::ofstream(datasets_ / "ds-stray.sqlite") << "rows of a lost version";
  std::ofstream(datasets_ / "tmp-dead.sqlite") << "half written";
  std::ofstream(datasets_ / "notes.txt") << "operator's notes";

  auto swept = store->sweep(0);
  ASSERT_TRUE(swept) << swept.error().message;
  EXPECT_EQ(swept->moved, 2);
  EXPECT_EQ(swept->failed, 0);
  fs::path orphans = datasets_ / kOrphansFolder / today_folder();
  EXPECT_EQ(fs::path(swept->folder), orphans);
  EXPECT_EQ(read_all(orphans / "ds-stray.sqlite"), "rows of a lost version");
  EXPECT_EQ(read_all(orphans / "tmp-dead.sqlite"), "half written");
  EXPECT_FALSE(fs::exists(datasets_ / "ds-stray.sqlite"));
  EXPECT_FALSE(fs::exists(datasets_ / "tmp-dead.sqlite"));
  EXPECT_EQ(read_all(datasets_ / "notes.txt"), "operator's notes");
  ASSERT_TRUE(fs::exists(datasets_ / kept));
  EXPECT_EQ(first_value(*store, kept), "K1 路");

  // Nothing more to move; a second stray of the same name does not overwrite the first.
  auto again = store->sweep(0);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->moved, 0);
  EXPECT_TRUE(again->folder.empty());
  std::ofstream(datasets_ / "ds-stray.sqlite") << "another lost version";
  auto third = store->sweep(0);
  ASSERT_TRUE(third);
  EXPECT_EQ(third->moved, 1);
  EXPECT_EQ(read_all(orphans / "ds-stray.sqlite"), "rows of a lost version");
  EXPECT_EQ(read_all(orphans / "ds-stray.sqlite.1"), "another lost version");
}

TEST_F(StorageTest, SweepLeavesFilesYoungerThanTheMinimumAge) {
  Db a(dir_ / "kaifang.db");
  auto store = store_for(a);
  ASSERT_TRUE(store->claim());
  std::ofstream(datasets_ / "ds-being-written.sqlite") << "another process is registering me";
  auto swept = store->sweep(60 * 1000);
  ASSERT_TRUE(swept);
  EXPECT_EQ(swept->moved, 0);
  EXPECT_TRUE(fs::exists(datasets_ / "ds-being-written.sqlite"));
}

TEST_F(StorageTest, AnotherDeploymentsFolderIsRefusedAndLeftUntouched) {
  Db a(dir_ / "kaifang.db");
  auto store_a = store_for(a);
  std::string kept = write_version(*store_a, a, "A 的数据");
  auto marker = read_storage_marker(datasets_.string());
  ASSERT_TRUE(marker);
  ASSERT_TRUE(marker->has_value());
  auto id_a = [&] {
    auto c = a.pool->acquire();
    return deployment_id(**c, 0);
  }();
  ASSERT_TRUE(id_a);
  EXPECT_EQ((*marker)->deployment, *id_a);
  EXPECT_EQ((*marker)->database, "sqlite:" + (dir_ / "kaifang.db").string());

  // A second database beside the first finds the same folder.
  Db b(dir_ / "other.db");
  auto store_b = store_for(b);
  auto claimed = store_b->claim();
  ASSERT_FALSE(claimed);
  EXPECT_EQ(claimed.error().code, ErrorCode::conflict);
  const std::string& msg = claimed.error().message;
  EXPECT_NE(msg.find("属于另一个部署"), std::string::npos) << msg;
  EXPECT_NE(msg.find(datasets_.string()), std::string::npos) << msg;
  EXPECT_NE(msg.find((dir_ / "kaifang.db").string()), std::string::npos) << msg;
  EXPECT_NE(msg.find("--storage"), std::string::npos) << msg;
  EXPECT_NE(msg.find("[storage] dir"), std::string::npos) << msg;

  // Neither its sweep nor a new version touches the folder.
  auto swept = store_b->sweep(0);
  ASSERT_FALSE(swept);
  EXPECT_EQ(swept.error().code, ErrorCode::conflict);
  EXPECT_FALSE(store_b->begin({{"c0", db::BulkColumn::Type::text}}));
  EXPECT_TRUE(fs::exists(datasets_ / kept));
  EXPECT_FALSE(fs::exists(datasets_ / kOrphansFolder));
  int files = 0;
  for (const auto& f : fs::directory_iterator(datasets_)) {
    (void)f;
    ++files;
  }
  EXPECT_EQ(files, 2);  // the version and the marker
  EXPECT_EQ(first_value(*store_a, kept), "A 的数据");
  auto still = read_storage_marker(datasets_.string());
  ASSERT_TRUE(still && still->has_value());
  EXPECT_EQ((*still)->deployment, *id_a);
}

TEST_F(StorageTest, UnmarkedFolderIsTakenOverOnlyByADatabaseThatKnowsItsFiles) {
  // A deployment from before markers: its database at migration 201 with a version whose file
  // is in the folder, and no marker.
  Db old_db(dir_ / "kaifang.db", 201);
  {
    auto c = old_db.pool->acquire();
    ASSERT_TRUE(c);
    auto table = (*c)->query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'catalog_deployment'");
    ASSERT_TRUE(table);
    EXPECT_EQ(table->rows[0].int64(0), 0);
    ASSERT_TRUE(old_db.add_version(**c, "ds-legacy.sqlite"));
  }
  fs::create_directories(datasets_);
  std::ofstream(datasets_ / "ds-legacy.sqlite") << "legacy rows";
  std::ofstream(datasets_ / "ds-lost.sqlite") << "a version whose registration died";

  // A new database beside it knows none of the files: refused, nothing written.
  Db fresh(dir_ / "other.db");
  auto refused = store_for(fresh)->claim();
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("一个也不认识"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("--storage"), std::string::npos);
  EXPECT_FALSE(fs::exists(datasets_ / kStorageMarker));

  // The old deployment upgraded (migration 202, the version row intact) takes it over, and its
  // sweep moves the unknown file aside.
  {
    auto c = old_db.pool->acquire();
    ASSERT_TRUE(c);
    auto m = all_migrations();
    auto applied = db::migrate(**c, m);
    ASSERT_TRUE(applied) << applied.error().detail;
    EXPECT_EQ(*applied, static_cast<int>(m.size() - all_migrations(201).size()));
    auto rs = (*c)->query("SELECT storage FROM dataset_versions");
    ASSERT_TRUE(rs);
    ASSERT_EQ(rs->rows.size(), 1u);
    EXPECT_EQ(rs->rows[0].text(0), "ds-legacy.sqlite");
  }
  auto store = store_for(old_db);
  auto swept = store->sweep(0);
  ASSERT_TRUE(swept) << swept.error().message;
  EXPECT_EQ(swept->moved, 1);
  EXPECT_EQ(read_all(datasets_ / kOrphansFolder / today_folder() / "ds-lost.sqlite"),
            "a version whose registration died");
  EXPECT_EQ(read_all(datasets_ / "ds-legacy.sqlite"), "legacy rows");
  auto marker = read_storage_marker(datasets_.string());
  ASSERT_TRUE(marker && marker->has_value());
  auto c = old_db.pool->acquire();
  auto id = deployment_id(**c, 0);
  ASSERT_TRUE(id);
  EXPECT_EQ((*marker)->deployment, *id);
  // …and from then on the new database is refused as another deployment.
  EXPECT_NE(store_for(fresh)->claim().error().message.find("属于另一个部署"), std::string::npos);
}

TEST_F(StorageTest, EmptyFolderIsTakenOverAndTheMarkerFollowsAMovedDatabaseButNotACopy) {
  fs::path first = dir_ / "kaifang.db";
  {
    Db a(first);
    ASSERT_TRUE(store_for(a)->claim());
  }
  // A copy of the database (same deployment) while the original is still there: refused.
  fs::path copy = dir_ / "copy.db";
  fs::copy_file(first, copy);
  {
    db::Pool pool("sqlite:" + copy.string(), 1);
    auto store = make_version_store(pool, datasets_.string(), database_label("sqlite:" + copy.string()));
    auto r = store->claim();
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("副本"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("--storage"), std::string::npos);
  }
  // The original moved away (only the moved file is left): the marker follows it.
  fs::remove(first);
  {
    db::Pool pool("sqlite:" + copy.string(), 1);
    auto store = make_version_store(pool, datasets_.string(), database_label("sqlite:" + copy.string()));
    ASSERT_TRUE(store->claim());
  }
  auto marker = read_storage_marker(datasets_.string());
  ASSERT_TRUE(marker && marker->has_value());
  EXPECT_EQ((*marker)->database, "sqlite:" + copy.string());
}

TEST_F(StorageTest, ACorruptMarkerStopsTheClaim) {
  Db a(dir_ / "kaifang.db");
  fs::create_directories(datasets_);
  std::ofstream(datasets_ / kStorageMarker) << "deployment = \n";
  auto r = store_for(a)->claim();
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("无法读取或已损坏"), std::string::npos) << r.error().message;
  EXPECT_EQ(read_all(datasets_ / kStorageMarker), "deployment = \n");
}

TEST(DatabaseLabel, NeverShowsAPassword) {
  EXPECT_EQ(database_label("postgresql://kaifang:s3cret@db.internal:5432/kaifang?sslmode=require&password=x"),
            "postgresql://kaifang@db.internal:5432/kaifang?sslmode=require");
  EXPECT_EQ(database_label("postgres://u:p@h/d"), "postgres://u@h/d");
  EXPECT_EQ(database_label("postgresql://h/d?password=only"), "postgresql://h/d");
  EXPECT_EQ(database_label("sqlite:/srv/kaifang/../kaifang/k.db"), "sqlite:/srv/kaifang/k.db");
  EXPECT_TRUE(database_label("sqlite:var/k.db").starts_with("sqlite:/"));
}

// The identity is made once and the same on every later call, on both databases; the
// statement (INSERT … ON CONFLICT DO NOTHING) must work on PostgreSQL as well.
TEST(DeploymentId, IsMadeOnceAndDiffersBetweenDatabases) {
  std::vector<std::string> urls;
  fs::path dir = fs::temp_directory_path() / ("kf-deploy-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  urls.push_back("sqlite:" + (dir / "a.db").string());
  urls.push_back("sqlite:" + (dir / "b.db").string());
  std::string schema, base;
  if (const char* pg = std::getenv("KF_TEST_PG_URL"); pg && *pg) {
    base = pg;
    schema = "kf_deploy_" + std::to_string(::getpid());
    auto admin = db::connect(base);
    ASSERT_TRUE(admin);
    ASSERT_TRUE((*admin)->exec_script("CREATE SCHEMA " + schema));
    urls.push_back(base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-c%20search_path%3D" + schema);
  }
  std::set<std::string> ids;
  for (const auto& url : urls) {
    db::Pool pool(url, 1);
    auto c = pool.acquire();
    ASSERT_TRUE(c) << c.error().detail;
    auto m = all_migrations();
    ASSERT_TRUE(db::migrate(**c, m));
    auto first = deployment_id(**c, 1);
    ASSERT_TRUE(first) << first.error().detail;
    auto second = deployment_id(**c, 2);
    ASSERT_TRUE(second);
    EXPECT_EQ(*first, *second);
    EXPECT_TRUE(first->starts_with("kf-"));
    ids.insert(*first);
    // The versions of PostgreSQL live in the database: there is no folder to claim.
    if ((*c)->dialect() == db::Dialect::postgres) {
      EXPECT_TRUE(make_version_store(pool, "", "")->claim());
    }
  }
  EXPECT_EQ(ids.size(), urls.size());
  if (!schema.empty()) {
    if (auto admin = db::connect(base)) (void)(*admin)->exec_script("DROP SCHEMA " + schema + " CASCADE");
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace kf::catalog

// kill -9 of the importer in the middle of an ingest leaves the previous state intact and no
// partial version visible (PUB-3), on both databases. Runs the real `kaifang import`.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "core/crypto.h"
#include "db/database.h"
#include "harness.h"
#include "process.h"

namespace kf::test {
namespace {

namespace fs = std::filesystem;
using CrashTest = BackendTest;

TEST_P(CrashTest, KillDashNineMidIngestLeavesThePreviousVersionServed) {
  fs::path dir = fs::temp_directory_path() / ("kf-crash-" + core::random_token(6));
  fs::create_directories(dir);
  std::string db, pg_name;
  if (GetParam() == "postgres") {
    pg_name = "kf_crash_" + std::to_string(::getpid());
    auto admin = db::connect(pg_url_or_empty());
    ASSERT_TRUE(admin);
    ASSERT_TRUE((*admin)->exec_script("DROP DATABASE IF EXISTS " + pg_name + " WITH (FORCE)"));
    ASSERT_TRUE((*admin)->exec_script("CREATE DATABASE " + pg_name));
    std::string url = pg_url_or_empty();
    db = url.substr(0, url.rfind('/') + 1) + pg_name;
  } else {
    db = "sqlite:" + (dir / "k.db").string();
  }
  std::string cfg = (dir / "k.toml").string();
  std::ofstream(cfg) << "[security]\nargon2_ops = 1\nargon2_mem_kib = 8192\nsecret_file = \"" << (dir / "secret").string()
                     << "\"\n";
  std::ofstream(dir / "entry.toml") << "code = \"CRASH-1\"\nname = \"崩溃测试\"\nprovider = \"潍坊市交通运输局\"\n"
                                       "region = \"370700\"\n[[fields]]\nname = \"k\"\ntype = \"integer\"\nkey = true\n"
                                       "nullable = false\n[[fields]]\nname = \"v\"\ntype = \"text\"\n";
  std::ofstream(dir / "small.csv") << "k,v\n1,旧数据\n2,旧数据\n";
  {
    std::ofstream big(dir / "big.csv");
    big << "k,v\n";
    for (int i = 0; i < 400000; ++i) big << i << ",新数据第" << i << "行，用于检验中断后的状态\n";
  }
  auto cli = [&](std::vector<std::string> args) {
    args.insert(args.begin(), KAIFANG_BIN);
    args.insert(args.end(), {"--db", db, "--config", cfg});
    return args;
  };
  ASSERT_EQ(run(cli({"init", "--admin-password", "Crash-Test-2026"})), 0);
  ASSERT_EQ(run(cli({"org", "add", "潍坊市交通运输局", "--kind", "provider", "--level", "city", "--region", "370700"})), 0);
  ASSERT_EQ(run(cli({"entry", "create", "--from", (dir / "entry.toml").string()})), 0);
  ASSERT_EQ(run(cli({"import", "--entry", "CRASH-1", (dir / "small.csv").string(), "--publish"})), 0);

  auto args = cli({"import", "--entry", "CRASH-1", (dir / "big.csv").string(), "--publish"});
  pid_t pid = spawn(args);
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  wait_exit(pid, &status);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the import finished before it could be killed";

  // The previous version is still the published one, and it is the only version.
  app::GlobalOptions g{db, cfg, KF_SOURCE_DATA_DIR};
  auto rt = app::open_runtime(g, app::SchemaMode::require);
  ASSERT_TRUE(rt) << rt.error().message;
  auto admin = catalog::Actor::system("test");
  auto versions = (*rt)->catalog->versions(&admin, "CRASH-1");
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ((*versions)[0].row_count, 2);
  auto preview = (*rt)->catalog->preview(nullptr, "CRASH-1", std::nullopt, 10, catalog::ReadPermit{});
  ASSERT_TRUE(preview) << preview.error().message;
  ASSERT_EQ(preview->rows.size(), 2u);
  EXPECT_EQ(std::get<std::string>(preview->rows[0][1]), "旧数据");
  auto entry = (*rt)->catalog->get(nullptr, "CRASH-1");
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->row_count, 2);

  // Leftovers of the killed ingest are invisible, and moved aside (never deleted) by the next
  // start's sweep: the folder keeps the one version, its marker and the orphans folder.
  auto swept = (*rt)->catalog->store().sweep();
  ASSERT_TRUE(swept) << swept.error().message;
  if (GetParam() == "sqlite") {
    EXPECT_LE(swept->moved, 1);  // the killed attempt's file, unless it died before creating one
    int files = 0;
    for (const auto& f : fs::directory_iterator(dir / "datasets")) {
      std::string name = f.path().filename().string();
      if (name == catalog::kStorageMarker || name == catalog::kOrphansFolder) continue;
      EXPECT_TRUE(name.starts_with("ds-")) << f.path();
      ++files;
    }
    EXPECT_EQ(files, 1);
    int moved = 0;
    std::error_code ec;
    for (const auto& f : fs::recursive_directory_iterator(dir / "datasets" / catalog::kOrphansFolder, ec)) {
      if (f.is_regular_file()) {
        std::string name = f.path().filename().string();
        EXPECT_TRUE(name.starts_with("tmp-") || name.starts_with("ds-")) << f.path();
        ++moved;
      }
    }
    EXPECT_EQ(moved, swept->moved);
  } else {
    EXPECT_EQ(swept->moved, 0);
    auto c = (*rt)->pool->acquire();
    ASSERT_TRUE(c);
    auto rs = (*c)->query("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'data'");
    ASSERT_TRUE(rs);
    EXPECT_EQ(rs->rows[0].int64(0), 1);
  }
  rt->reset();
  if (!pg_name.empty()) {
    if (auto a = db::connect(pg_url_or_empty())) (void)(*a)->exec_script("DROP DATABASE IF EXISTS " + pg_name + " WITH (FORCE)");
  }
  fs::remove_all(dir);
}

KF_BACKEND_SUITE(CrashTest);

}  // namespace
}  // namespace kf::test

// Issue 12 item 1, as an operator met it: the demo city with its published versions in var/, a
// second database initialised beside it (and a mistyped --db), a server started on each. The
// real `kaifang` binary throughout. The other starts are refused with what to do, the first
// deployment's files stay where they were and its data API still answers rows; with
// `--storage` the second database runs on a folder of its own.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "catalog/storage.h"
#include "core/crypto.h"
#include "harness.h"
#include "process.h"

namespace kf::test {
namespace {

namespace fs = std::filesystem;

unsigned short free_port() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

struct Finished {
  int code = -1;  // exit code; -1: killed because it was still running after the timeout
  std::string out;  // stdout and stderr
};

// Runs the binary with `args`, output into a file, and waits at most `timeout` for it to end: a
// server that was not refused would run on, and the test must not hang on it.
Finished run_until_exit(const fs::path& dir, std::vector<std::string> args,
                        std::chrono::seconds timeout = std::chrono::seconds(120)) {
  static int seq = 0;
  fs::path log = dir / ("run-" + std::to_string(++seq) + ".log");
  args.insert(args.begin(), KAIFANG_BIN);
  pid_t pid = fork();
  if (pid == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  Finished f;
  auto until = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > until) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      status = -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (status != -1 && WIFEXITED(status)) f.code = WEXITSTATUS(status);
  std::ifstream in(log);
  std::stringstream s;
  s << in.rdbuf();
  f.out = s.str();
  return f;
}

// A server of the real binary, stopped (SIGTERM) when it goes out of scope.
class Server {
 public:
  explicit Server(std::vector<std::string> args) : port_(free_port()) {
    args.insert(args.begin(), KAIFANG_BIN);
    args.insert(args.end(), {"--listen", "127.0.0.1:" + std::to_string(port_)});
    pid_ = spawn(args);
  }
  ~Server() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      wait_exit(pid_);
    }
  }
  // True once /healthz answers; false when the process ended or did not answer in time.
  bool up() {
    for (int i = 0; i < 600; ++i) {
      try {
        if (Client(port_).get("/healthz").status == 200) return true;
      } catch (const std::exception&) {
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  Client client() const { return Client(port_); }

 private:
  unsigned short port_;
  pid_t pid_ = 0;
};

// name → size of every file under `dir`, recursively.
std::map<std::string, std::uintmax_t> files_under(const fs::path& dir) {
  std::map<std::string, std::uintmax_t> out;
  for (const auto& f : fs::recursive_directory_iterator(dir)) {
    if (f.is_regular_file()) out[fs::relative(f.path(), dir).string()] = f.file_size();
  }
  return out;
}

constexpr const char* kOpenEntry = "370700-CJ-0002";  // 建筑业企业资质信息, unconditionally open

TEST(StorageOwnerTest, ASecondDatabaseBesideTheDemoIsRefusedAndTheDemoKeepsItsData) {
  fs::path dir = fs::temp_directory_path() / ("kf-owner-" + core::random_token(6));
  fs::path var = dir / "var";
  fs::create_directories(var);
  std::string cfg = (dir / "k.toml").string();
  std::ofstream(cfg) << "[security]\nargon2_ops = 1\nargon2_mem_kib = 8192\n";
  std::string demo_db = "sqlite:" + (var / "kaifang.db").string();
  std::string other_db = "sqlite:" + (var / "other.db").string();
  auto with = [&](std::string db, std::vector<std::string> args) {
    args.insert(args.end(), {"--db", db, "--config", cfg, "--data-dir", KF_SOURCE_DATA_DIR});
    return args;
  };

  // The demo city, as `make demo` makes it (fewer rows).
  auto init = run_until_exit(dir, with(demo_db, {"init", "--admin-password", "Root-Pass-2026!"}));
  ASSERT_EQ(init.code, 0) << init.out;
  EXPECT_EQ(init.out.find("注意"), std::string::npos) << init.out;
  auto demo = run_until_exit(dir, with(demo_db, {"demo", "--max-rows", "5"}), std::chrono::seconds(600));
  ASSERT_EQ(demo.code, 0) << demo.out;
  fs::path datasets = var / "datasets";
  auto before = files_under(datasets);
  int versions = 0;
  for (const auto& [name, size] : before) versions += name.starts_with("ds-") ? 1 : 0;
  ASSERT_GE(versions, 75) << "the demo publishes every entry";
  ASSERT_TRUE(before.count(catalog::kStorageMarker));

  // A second database initialised beside it: init works and warns.
  auto other = run_until_exit(dir, with(other_db, {"init", "--admin-password", "Root-Pass-2026!"}));
  ASSERT_EQ(other.code, 0) << other.out;
  EXPECT_NE(other.out.find("注意：存储目录"), std::string::npos) << other.out;
  EXPECT_NE(other.out.find("属于另一个部署"), std::string::npos) << other.out;
  EXPECT_NE(other.out.find("注意：部署密钥文件 " + (var / "kaifang.secret").string()), std::string::npos) << other.out;

  // A server on it is refused, with the folder, its owner and what to do; so is one on a
  // mistyped database, and an import.
  for (const std::string& db : {other_db, "sqlite:" + (var / "kaifnag.db").string()}) {
    auto serve = run_until_exit(dir, with(db, {"serve", "--listen", "127.0.0.1:" + std::to_string(free_port())}),
                                std::chrono::seconds(60));
    EXPECT_EQ(serve.code, 1) << serve.out;
    EXPECT_NE(serve.out.find("无法启动：存储目录 " + datasets.string() + " 属于另一个部署（数据库 " + demo_db + "）"),
              std::string::npos)
        << serve.out;
    EXPECT_NE(serve.out.find("--storage"), std::string::npos) << serve.out;
    EXPECT_NE(serve.out.find("[storage] dir"), std::string::npos) << serve.out;
  }
  std::ofstream(dir / "rows.csv") << "x\n1\n";
  auto import = run_until_exit(dir, with(other_db, {"import", "--entry", kOpenEntry, (dir / "rows.csv").string()}));
  EXPECT_EQ(import.code, 1) << import.out;
  EXPECT_NE(import.out.find("属于另一个部署"), std::string::npos) << import.out;

  // Not one file of the demo moved or changed.
  EXPECT_EQ(files_under(datasets), before);
  EXPECT_FALSE(fs::exists(datasets / catalog::kOrphansFolder));

  // With a storage folder of its own the second database runs.
  {
    Server second(with(other_db, {"serve", "--storage", (dir / "other-storage").string()}));
    ASSERT_TRUE(second.up());
    EXPECT_TRUE(fs::exists(dir / "other-storage" / "datasets" / catalog::kStorageMarker));
  }
  EXPECT_EQ(files_under(datasets), before);

  // The demo itself serves its published data as before.
  Server first(with(demo_db, {"serve"}));
  ASSERT_TRUE(first.up());
  auto rows = first.client().get(std::string("/api/v1/datasets/") + kOpenEntry + "/rows");
  ASSERT_EQ(rows.status, 200) << rows.body;
  EXPECT_EQ(rows.json().at("total").as_int64(), 5);
  EXPECT_EQ(rows.json().at("rows").as_array().size(), 5u);
  EXPECT_EQ(files_under(datasets), before);

  std::error_code ec;
  fs::remove_all(dir, ec);
}

}  // namespace
}  // namespace kf::test

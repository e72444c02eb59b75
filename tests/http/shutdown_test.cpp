// SIGTERM during a slow request: the request finishes, then the process exits 0.
// Runs the real `kaifang` binary as a child process.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "core/crypto.h"
#include "harness.h"
#include "process.h"

namespace kf::test {
namespace {

unsigned short free_port() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

TEST(ShutdownTest, SigtermLetsASlowRequestFinishThenExitsZero) {
  auto dir = std::filesystem::temp_directory_path() / ("kf-term-" + core::random_token(6));
  std::filesystem::create_directories(dir);
  std::string db = "sqlite:" + (dir / "k.db").string();
  // An expensive password hash makes login the slow request (about a second).
  std::string cfg = (dir / "k.toml").string();
  std::ofstream(cfg) << "[security]\nargon2_ops = 12\nargon2_mem_kib = 65536\n";
  ASSERT_EQ(run({KAIFANG_BIN, "init", "--db", db, "--config", cfg, "--admin-password", "Slow-Login-2026"}), 0);

  unsigned short port = free_port();
  pid_t server = spawn({KAIFANG_BIN, "serve", "--db", db, "--config", cfg, "--listen", "127.0.0.1:" + std::to_string(port)});
  bool up = false;
  for (int i = 0; i < 1200 && !up; ++i) {
    try {
      up = Client(port).get("/healthz").status == 200;
    } catch (const std::exception&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ASSERT_TRUE(up) << "server did not start";

  auto t0 = std::chrono::steady_clock::now();
  auto slow = std::async(std::launch::async, [port] {
    Client c(port);
    return c.login("admin", "Slow-Login-2026");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  ASSERT_EQ(kill(server, SIGTERM), 0);
  Reply r = slow.get();
  auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.json().at("csrf_token").as_string().empty());
  // Only meaningful if the signal really arrived while the login was running.
  EXPECT_GT(took, std::chrono::milliseconds(150));

  EXPECT_EQ(wait_exit(server), 0);
  // After exit nothing listens on the port any more.
  EXPECT_THROW(Client(port).get("/healthz"), std::exception);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kf::test

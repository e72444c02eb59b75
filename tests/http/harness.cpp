#include "harness.h"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "core/crypto.h"
#include "core/log.h"
#include "db/database.h"

namespace kf::test {

namespace {

std::mutex log_mu;
std::ostringstream& log_stream() {
  static std::ostringstream s;
  return s;
}

void install_log_capture() {
  static std::once_flag once;
  std::call_once(once, [] {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_stream());
    auto logger = std::make_shared<spdlog::logger>("kaifang", sink);
    logger->set_level(spdlog::level::debug);
    spdlog::set_default_logger(logger);
  });
}

// postgresql://u:p@h:port/db?x → same URL with another database name.
std::string with_database(const std::string& url, const std::string& name) {
  auto q = url.find('?');
  std::string base = url.substr(0, q);
  std::string tail = q == std::string::npos ? "" : url.substr(q);
  auto slash = base.rfind('/');
  return base.substr(0, slash + 1) + name + tail;
}

}  // namespace

std::string pg_url_or_empty() {
  const char* v = std::getenv("KF_TEST_PG_URL");
  return v ? v : "";
}

std::vector<std::string> backends() { return {"sqlite", "postgres"}; }

std::string captured_log() {
  spdlog::default_logger()->flush();
  std::lock_guard lock(log_mu);
  return log_stream().str();
}

TestServer::TestServer(const std::string& backend, const std::string& extra_toml,
                       const std::string& web_root)
    : clock_(1795000000000) {  // 2026-11-19, a fixed start so tests are repeatable
  install_log_capture();
  dir_ = std::filesystem::temp_directory_path() / ("kf-http-" + core::random_token(8));
  std::filesystem::create_directories(dir_);
  if (backend == "postgres") {
    pg_db_name_ = "kf_t_" + core::random_token(8);
    for (auto& ch : pg_db_name_) ch = ch == '-' ? '_' : static_cast<char>(std::tolower(ch));
    auto admin = db::connect(pg_url_or_empty());
    if (!admin) throw std::runtime_error("cannot reach PostgreSQL: " + admin.error().detail);
    auto r = (*admin)->exec_script("CREATE DATABASE " + pg_db_name_);
    if (!r) throw std::runtime_error("CREATE DATABASE failed: " + r.error().detail);
    db_url_ = with_database(pg_url_or_empty(), pg_db_name_);
  } else {
    db_url_ = "sqlite:" + dir_ + "/kaifang.db";
  }
  std::string cfg_path = dir_ + "/kaifang.toml";
  {
    // Dotted keys, so that a test's extra keys (e.g. "security.lockout_minutes = 15") can be
    // added to any table; a base key the test sets itself is left out.
    std::vector<std::string> base = {
        "server.body_limit_bytes = 65536", "server.io_threads = 2", "server.worker_threads = 4",
        "security.argon2_ops = 1", "security.argon2_mem_kib = 8192",
        "security.secret_file = \"" + dir_ + "/secret\"",
        // Each server its own files: PostgreSQL servers of parallel tests would otherwise share
        // ./var (and their job numbers, which start at 1 in every database).
        "storage.dir = \"" + dir_ + "\"",
        "rate_limit.per_ip_per_second = 10000", "rate_limit.burst = 10000",
        "workflow.tick_seconds = 0"};  // tests run the timers themselves (POST /api/v1/workflow/tick)
    if (!web_root.empty()) base.push_back("server.web_root = \"" + web_root + "\"");
    std::ofstream cfg(cfg_path);
    for (const auto& line : base) {
      std::string key = line.substr(0, line.find(' '));
      if (extra_toml.find(key + " ") == std::string::npos) cfg << line << "\n";
    }
    cfg << extra_toml << "\n";
  }
  app::GlobalOptions g{db_url_, cfg_path, KF_SOURCE_DATA_DIR};
  auto rt = app::open_runtime(g, app::SchemaMode::migrate, 8, &clock_);
  if (!rt) throw std::runtime_error("open_runtime: " + rt.error().message + " " + rt.error().detail);
  rt_ = std::move(*rt);
  auto admin = rt_->access->create_user({"admin", kPassword, std::nullopt, std::nullopt, {"admin"}});
  if (!admin) throw std::runtime_error("admin: " + admin.error().message);
  // [testing] allow_test_clock: the harness's manual clock is also the scenario test clock, so
  // POST /api/v1/testing/clock moves it (as `kaifang serve --test-clock` does).
  if (rt_->config.testing.allow_test_clock) rt_->test_clock = &clock_;
  service_ = std::make_unique<app::HttpService>(*rt_);
  http::ServerOptions so = service_->server_options();
  so.host = "127.0.0.1";
  so.port = 0;
  so.handle_signals = false;
  server_ = std::make_unique<http::Server>(so, service_->pipeline());
  if (auto r = server_->start(); !r) throw std::runtime_error("server start: " + r.error().detail);
  thread_ = std::thread([this] { server_->run(); });
}

TestServer::~TestServer() {
  server_->stop();
  thread_.join();
  server_.reset();
  service_.reset();
  rt_.reset();
  if (!pg_db_name_.empty()) {
    if (auto admin = db::connect(pg_url_or_empty())) {
      (void)(*admin)->exec_script("DROP DATABASE IF EXISTS " + pg_db_name_ + " WITH (FORCE)");
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

access::User TestServer::make_user(const std::string& username, const std::string& role,
                                   std::optional<std::int64_t> org_id) {
  auto u = rt_->access->create_user({username, kPassword, std::nullopt, std::nullopt, {role}});
  if (!u) throw std::runtime_error("make_user: " + u.error().message);
  if (org_id) {
    if (auto r = rt_->access->add_member(u->id, *org_id, false, true); !r) {
      throw std::runtime_error("add_member: " + r.error().message);
    }
  }
  return *u;
}

Client TestServer::session_as(const std::string& role) {
  std::string name = role + "_" + std::to_string(++user_seq_);
  make_user(name, role);
  Client c = client();
  auto r = c.login(name, kPassword);
  if (r.status != 200) throw std::runtime_error("login failed: " + r.body);
  return c;
}

}  // namespace kf::test

// An in-process Kaifang server on an ephemeral port, on SQLite or on PostgreSQL, with a manual
// clock, cheap password hashing and captured log lines.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>

#include "app/runtime.h"
#include "app/service.h"
#include "client.h"
#include "core/clock.h"

namespace kf::test {

// "sqlite" and "postgres": the test suite runs every case on both. PostgreSQL needs
// KF_TEST_PG_URL (set by `make test`, which starts a throw-away cluster).
std::vector<std::string> backends();
std::string pg_url_or_empty();

// Everything logged while tests run (JSON lines).
std::string captured_log();

class TestServer {
 public:
  // `extra_toml` is appended to the test configuration; `web_root` serves static files.
  explicit TestServer(const std::string& backend, const std::string& extra_toml = {},
                      const std::string& web_root = {});
  ~TestServer();

  unsigned short port() const { return server_->port(); }
  Client client() const { return Client(port()); }
  app::Runtime& runtime() { return *rt_; }
  const http::Router& router() const { return service_->router(); }
  core::ManualClock& clock() { return clock_; }
  // For tests that run the real binary against the same database and configuration.
  const std::string& db_url() const { return db_url_; }
  std::string config_path() const { return dir_ + "/kaifang.toml"; }

  // Creates a user with the given role (and organisation membership) through the service.
  access::User make_user(const std::string& username, const std::string& role,
                         std::optional<std::int64_t> org_id = std::nullopt);
  // A client logged in as a fresh user of that role.
  Client session_as(const std::string& role);

  static constexpr const char* kPassword = "Test-Pass-2026!";

 private:
  std::string dir_;
  std::string db_url_;
  std::string pg_db_name_;
  core::ManualClock clock_;
  std::unique_ptr<app::Runtime> rt_;
  std::unique_ptr<app::HttpService> service_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  int user_seq_ = 0;
};

// Base for parameterised tests: GetParam() is the backend name.
class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && pg_url_or_empty().empty()) {
      GTEST_SKIP() << "KF_TEST_PG_URL not set: run `make test` to test on PostgreSQL";
    }
  }
};

#define KF_BACKEND_SUITE(Suite)                                                     \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::ValuesIn(::kf::test::backends()), \
                           [](const auto& backend_info) { return backend_info.param; })

}  // namespace kf::test

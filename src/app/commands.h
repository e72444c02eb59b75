// The non-server commands of the `kaifang` command line. Each returns the exit code and prints
// its result (and Chinese error messages) itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/runtime.h"

namespace kf::app {

int run_init(const GlobalOptions& g, const std::string& admin_password);
int run_migrate(const GlobalOptions& g);

struct UserAddOptions {
  std::string username, password, phone, email, org;
  std::vector<std::string> roles;
  bool cdo = false, commissioner = false;
};
int run_user_add(const GlobalOptions& g, const UserAddOptions& o);
int run_user_list(const GlobalOptions& g, bool as_json);
int run_user_passwd(const GlobalOptions& g, const std::string& username, const std::string& password);
int run_user_lock(const GlobalOptions& g, const std::string& username, bool lock);

struct OrgAddOptions {
  std::string name, kind, level, region, parent, credit_code, legal_representative;
};
int run_org_add(const GlobalOptions& g, const OrgAddOptions& o);
int run_org_list(const GlobalOptions& g, bool as_json);

// Seeds the demo city (organisations, accounts, catalog with data; idempotent) and prints the
// logins. `max_rows` caps the rows generated per entry (tests use a small cap).
int run_demo_seed(const GlobalOptions& g, std::uint64_t max_rows);

// Prints an error for a failed Result: message, and the detail only on a terminal-less debug.
void print_error(const Error& e);

}  // namespace kf::app

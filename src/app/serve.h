#pragma once

#include "app/runtime.h"

namespace kf::app {

struct ServeOptions {
  std::string listen;    // overrides the config when set
  std::string web_root;  // overrides the config when set
  std::string tls_cert;  // overrides the config when set
  std::string tls_key;   // overrides the config when set
  std::string test_clock;  // START of a settable test clock (docs/testing.md); needs [testing] allow_test_clock
};

// Runs the HTTP server until SIGTERM / SIGINT; returns the process exit code.
int run_serve(const GlobalOptions& g, const ServeOptions& s);

}  // namespace kf::app
